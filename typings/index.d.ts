/// <reference path="../node_modules/miniprogram-api-typings/index.d.ts" />
