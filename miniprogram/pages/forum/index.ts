/**
 * Forum home (minimal shell): reads the public feed as a guest, no login needed.
 * The full page (stores, services, components) is built by the client issue.
 */
import { config } from '../../config';

interface FeedItem {
  id: number;
  title: string;
  excerpt: string;
}

Component({
  data: { loading: true, failed: false, posts: [] as FeedItem[] },
  methods: {
    onLoad() {
      this.load();
    },
    onPullDownRefresh() {
      this.load();
    },
    load() {
      this.setData({ loading: true, failed: false });
      wx.request<{ items: FeedItem[] }>({
        url: `${config.apiBaseUrl}/posts`,
        timeout: config.requestTimeoutMs,
        success: (res) => {
          const ok = res.statusCode === 200 && Array.isArray(res.data.items);
          this.setData({ loading: false, failed: !ok, posts: ok ? res.data.items : [] });
        },
        fail: () => this.setData({ loading: false, failed: true }),
        complete: () => wx.stopPullDownRefresh(),
      });
    },
  },
});
