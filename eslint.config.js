// Lint rules for the whole tree: typescript-eslint's recommended set, import cycles refused, the
// station/hub boundary enforced at import time, and formatting left to Prettier.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

const boundary = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "data/**", "coverage/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      // A cycle makes start-up order depend on which file was imported first.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Scanners, scales and the contract deal in control characters (GS, STX/ETX, ACK) on purpose.
      "no-control-regex": "off",
      // A closure that reads a variable assigned later (a URL known once the server listens) needs let.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ["station/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [boundary(["#hub/*", "**/hub/**"], "The station never imports hub code: share through contract/.")],
        },
      ],
    },
  },
  {
    files: ["hub/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            boundary(["#station/*", "**/station/**"], "The hub never imports station code: share through contract/."),
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: globals.node },
  },
  {
    // Scripts the kiosk's browser loads (served from station/web/static) run in the page, not in Node.
    files: ["station/web/static/**/*.js"],
    languageOptions: { globals: globals.browser },
  },
  prettier,
);
