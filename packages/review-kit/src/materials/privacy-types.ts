/**
 * The privacy information types to declare in the admin console's 用户隐私保护指引, derived from
 * the privacy APIs the code uses (see source/privacy-apis.ts), each with a purpose line to adapt.
 */
import type { ReviewProject } from '../project';
import { usedPrivacyTypes } from '../source/privacy-apis';

export interface PrivacyDeclaration {
  /** The type as the admin console lists it. */
  label: string;
  /** A starting point for the purpose (用途) field. */
  purpose: string;
  usages: string[];
  locations: string[];
}

export function privacyDeclarations(project: ReviewProject): PrivacyDeclaration[] {
  return usedPrivacyTypes(project).map(({ type, uses }) => ({
    label: type.label,
    purpose: type.purpose,
    usages: [...new Set(uses.map((use) => use.usage))],
    locations: uses.map((use) => `${use.file}:${use.line}`),
  }));
}
