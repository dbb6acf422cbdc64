/** Endpoint profiles without VS Code: validation, variables, list edits, settings text. */
export * from './profile';
export * from './variables';
export * from './validate';
export * from './resolve';
export * from './profileList';
export * from './settingsText';
export * from './examples';
export * from './fromConnection';
export * from './settingsFile';
