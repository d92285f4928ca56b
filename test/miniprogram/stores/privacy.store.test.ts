/**
 * @jest-environment node
 */
import { configure } from 'mobx-miniprogram';
import { PrivacyStore } from '../../../miniprogram/stores/privacy.store';

configure({ enforceActions: 'observed' });

describe('PrivacyStore', () => {
  it('shows the popup for a referrer and request, and hides it again', () => {
    const store = new PrivacyStore();
    expect(store).toMatchObject({ visible: false, referrer: '', requestId: null });
    store.show('chooseMedia', 3);
    expect(store).toMatchObject({ visible: true, referrer: 'chooseMedia', requestId: 3 });
    store.hide();
    expect(store).toMatchObject({ visible: false, referrer: '', requestId: null });
  });
});

describe('PrivacyStore page ownership', () => {
  it('gives a request to the page in front when it is made, and knows when it is pending elsewhere', () => {
    const store = new PrivacyStore();
    store.enterPage(1);
    store.show('requirePrivacyAuthorize', 7);
    expect(store.ownerPage).toBe(1);
    expect(store.pendingElsewhere(1)).toBe(false);
    expect(store.pendingElsewhere(2)).toBe(true);
    store.enterPage(2);
    expect(store.ownerPage).toBe(1);
    store.hide();
    expect(store.ownerPage).toBeNull();
    expect(store.pendingElsewhere(2)).toBe(false);
  });
});
