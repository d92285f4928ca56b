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
