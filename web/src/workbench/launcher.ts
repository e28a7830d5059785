import { useLaunchApp as launch, useLauncherApps as apps } from '../shared/app-launcher';

// The Workbench's launcher: the shared one (shared/app-launcher.ts), on the Workbench.
export { isSystemCode, useRateApp, type AppSystem, type LauncherApp } from '../shared/app-launcher';
export const useLauncherApps = () => apps('workbench');
export const useLaunchApp = () => launch('workbench');
