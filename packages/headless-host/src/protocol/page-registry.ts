/**
 * Page ids as automator sees them (`{pageId, path, query}`): one number per opened page, stable
 * while the page lives (a tab page kept alive keeps its id), refused once it is unloaded.
 */
import type { AppHost, HostedPage } from '../runtime/app-host';
import { ProtocolError } from './errors';

export interface PageInfo {
  pageId: number;
  path: string;
  query: Record<string, string>;
}

export class PageRegistry {
  private readonly ids = new WeakMap<HostedPage, number>();
  private nextId = 1;

  constructor(private readonly host: AppHost) {}

  idOf(page: HostedPage): number {
    let id = this.ids.get(page);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(page, id);
    }
    return id;
  }

  info(page: HostedPage): PageInfo {
    return { pageId: this.idOf(page), path: page.route, query: { ...page.query } };
  }

  get(pageId: unknown): HostedPage {
    const page = this.host.livePages().find((candidate) => this.ids.get(candidate) === pageId);
    if (!page)
      throw new ProtocolError(
        `page ${String(pageId)} is no longer open (it was closed by a navigation); get it again with miniProgram.currentPage()`,
      );
    return page;
  }
}
