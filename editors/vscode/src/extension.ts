// Starts `retrylint lsp` for C and C++ files: diagnostics with the rule's page, hovers with
// the schedule and the fan-out arithmetic, ×N inlay hints, fix-its and a lens on each
// function that heads a nest of retrying layers. See docs/ide.md.
import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/// The server's command line from the settings; a relative compileCommandsDir is taken from
/// the first workspace folder.
function serverOptions(): ServerOptions {
  const config = vscode.workspace.getConfiguration('retrylint');
  const command = config.get<string>('path', 'retrylint');
  const args = ['lsp'];
  let dir = config.get<string>('compileCommandsDir', '');
  if (dir) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!path.isAbsolute(dir) && folder) {
      dir = path.join(folder, dir);
    }
    args.push(`--compile-commands-dir=${dir}`);
  }
  args.push(...config.get<string[]>('arguments', []));
  return { command, args, transport: TransportKind.stdio };
}

async function start(): Promise<void> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'c' },
      { scheme: 'file', language: 'cpp' },
    ],
    outputChannelName: 'retrylint',
  };
  client = new LanguageClient('retrylint', 'retrylint', serverOptions(), clientOptions);
  await client.start();
}

async function restart(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('retrylint.restart', restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('retrylint')) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
}
