import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { applyTheme, cachedTheme } from "./app/preferences";
import "./app/styles/theme.css";
import "./app/styles/app.css";

// Paint the first frame in the writer's theme, before the core answers.
applyTheme(cachedTheme());

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
