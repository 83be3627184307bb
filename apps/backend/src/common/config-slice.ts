import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

/** Copies the named settings out of a config source (the loaded object, or ConfigService.get). */
export function pickConfig<T>(keys: readonly string[], get: (key: string) => unknown): T {
  return Object.fromEntries(keys.map((key) => [key, get(key)])) as T;
}

/**
 * The one way a backend module reads config: a provider of its typed slice under its own token, holding the keys of
 * its `*.config.ts` shape (plus any shared setting it names), read from the config config/backend.config.ts validated
 * at boot with every cross-field rule. Modules inject the slice, never ConfigService.
 */
export function configSlice<T>(token: InjectionToken, keys: readonly string[]): FactoryProvider<T> {
  return { provide: token, inject: [ConfigService], useFactory: (config: ConfigService) => pickConfig<T>(keys, (key) => config.get(key)) };
}
