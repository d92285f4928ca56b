/**
 * What the device and base library report: a 375×812 phone (DevTools' default), base library
 * 3.7.0, the develop build; `canIUse` says yes. And the APIs a headless run refuses outright:
 * they return no real data (user profile, phone number, location) and a spec should not rely on them.
 */
import type { ApiTable, WxOptions } from './types';

const UNAVAILABLE = [
  'getUserProfile',
  'getUserInfo',
  'getPhoneNumber',
  'getLocation',
  'getFuzzyLocation',
  'chooseLocation',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'onLocationChange',
];

/** `surface`: the fake's whole API table, so getSystemInfoSync sees a replaced getWindowInfo. */
export function createSystemInfo(surface: ApiTable): ApiTable {
  const apis: ApiTable = {
    getSystemInfoSync() {
      return {
        ...(surface.getWindowInfo?.() as WxOptions),
        ...(surface.getDeviceInfo?.() as WxOptions),
        ...(surface.getAppBaseInfo?.() as WxOptions),
        pixelRatio: 2,
      };
    },
    getWindowInfo() {
      return {
        pixelRatio: 2,
        screenWidth: 375,
        screenHeight: 812,
        windowWidth: 375,
        windowHeight: 724,
        statusBarHeight: 44,
        safeArea: { top: 44, left: 0, right: 375, bottom: 778, width: 375, height: 734 },
      };
    },
    getDeviceInfo() {
      return { brand: 'devtools', model: 'headless', system: 'iOS 17.0', platform: 'devtools' };
    },
    getAppBaseInfo() {
      return { SDKVersion: '3.7.0', language: 'zh_CN', version: '8.0.50', theme: 'light' };
    },
    getAccountInfoSync() {
      return { miniProgram: { appId: 'wxtestapp', envVersion: 'develop', version: '' } };
    },
    canIUse() {
      return true;
    },
  };
  for (const name of UNAVAILABLE) {
    apis[name] = () => {
      throw new Error(
        `wx.${name} is refused by the headless wx: it returns no real data, or needs paid or extra permissions (and review rejects apps that demand it)`,
      );
    };
  }
  return apis;
}
