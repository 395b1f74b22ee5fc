-- Neovim's built-in LSP client (0.7, Debian 12) on `retrylint lsp`, set up by the config file
-- $RETRYLINT_CONFIG (editors/neovim/retrylint.lua): opens $RETRYLINT_FILE,
-- waits until its diagnostics include $RETRYLINT_WAIT_FOR, hovers at line $RETRYLINT_HOVER_LINE
-- on $RETRYLINT_HOVER_TEXT, and writes what it read back to $RETRYLINT_OUT (see nvim_test.sh).
local env = function(name) return (assert(os.getenv(name), name .. ' is not set')) end
local out, lines = env('RETRYLINT_OUT'), {}

local function finish(status)
  table.insert(lines, status)
  vim.fn.writefile(lines, out)
  vim.cmd('qall!')
end

local function session()
  -- The settings docs/ide.md gives for Neovim, with the test's command line.
  vim.g.retrylint_cmd = { env('RETRYLINT'), 'lsp', '--compile-commands-dir=' .. env('RETRYLINT_DB') }
  vim.cmd('luafile ' .. vim.fn.fnameescape(env('RETRYLINT_CONFIG')))
  vim.cmd('edit ' .. vim.fn.fnameescape(env('RETRYLINT_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  -- A client counts as attached once its server answered initialize.
  local client_id
  vim.wait(30000, function()
    for id, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if client.name == 'retrylint' then client_id = id end
    end
    return client_id ~= nil
  end, 50)
  if not client_id then return finish('error: no retrylint client attached to the buffer') end

  local wanted = env('RETRYLINT_WAIT_FOR')
  local arrived = vim.wait(120000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == wanted then return true end
    end
    return false
  end, 100)
  if not arrived then return finish('error: no ' .. wanted .. ' diagnostic within 120 s') end

  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(lines, string.format('diagnostic %d %s %s %d | %s', d.lnum + 1, d.code,
      lsp.codeDescription and lsp.codeDescription.href or '-', #(lsp.relatedInformation or {}), d.message))
  end

  local line = tonumber(env('RETRYLINT_HOVER_LINE'))
  local text = vim.api.nvim_buf_get_lines(bufnr, line - 1, line, true)[1]
  local column = text:find(env('RETRYLINT_HOVER_TEXT'), 1, true)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(),
    position = { line = line - 1, character = column },
  }
  for _, response in pairs(vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 20000) or {}) do
    if response.result then
      table.insert(lines, 'hover ' .. (response.result.contents.value:gsub('\n', ' ')))
    end
  end

  vim.lsp.stop_client(client_id)
  vim.wait(10000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
  finish('done')
end

-- An error in the session must end Neovim, not leave it waiting.
local ok, err = pcall(session)
if not ok then finish('error: ' .. tostring(err)) end
