// Duesbook's WPS 表格 add-in shell (WPS 加载项): the ribbon's callbacks (ribbon.xml). The button
// opens the same task pane Excel shows (../taskpane.html, served beside this folder); inside it
// the pane finds window.Application and works on the open workbook (addin/src/wps/).
// Plain script, not bundled: WPS loads it from index.html as its wpsjs template does.
/* global window, document */
var DUESBOOK_PANE_KEY = 'duesbook_taskpane_id';
// Written by scripts/build-wps.mjs: where the worker serves the pane (DUESBOOK_URL_PROD).
var DUESBOOK_ORIGIN = '__DUESBOOK_ORIGIN__';

// Online, this page is served beside the pane (<origin>/wps/); offline it runs from a local
// folder, and the pane still comes from the server.
function duesbookPaneUrl() {
  var here = document.location.href;
  return /^https?:/i.test(here) ? new URL('../taskpane.html', here).href : DUESBOOK_ORIGIN + '/taskpane.html';
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- named in ribbon.xml (onLoad)
function OnAddinLoad(ribbonUI) {
  if (typeof window.Application.ribbonUI !== 'object') window.Application.ribbonUI = ribbonUI;
  return true;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- named in ribbon.xml (onAction)
function OnAction(control) {
  if (control.Id !== 'btnDuesbook') return true;
  var app = window.Application;
  var id = app.PluginStorage.getItem(DUESBOOK_PANE_KEY);
  var pane = id ? app.GetTaskPane(id) : null;
  if (!pane) {
    pane = app.CreateTaskPane(duesbookPaneUrl(), 'Duesbook 党费检查');
    app.PluginStorage.setItem(DUESBOOK_PANE_KEY, pane.ID);
    pane.Visible = true;
  } else {
    pane.Visible = !pane.Visible;
  }
  return true;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- named in ribbon.xml (getImage)
function GetImage(control) {
  return control.Id === 'btnDuesbook' ? 'images/duesbook.svg' : '';
}
