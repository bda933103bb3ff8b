// Ambient types for the UI build: Vite's client types (CSS imports, import.meta.env).
/// <reference types="vite/client" />
