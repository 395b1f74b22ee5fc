-- retrylint in Neovim's built-in LSP client, for Neovim 0.7 (Debian 12) and later: one
-- `retrylint lsp` per project root (the directory of the nearest compile_commands.json, else
-- the working directory), attached to every C and C++ buffer beside clangd. Load it from
-- init.lua with `dofile('/path/to/retrylint.lua')`, or copy it there. Set vim.g.retrylint_cmd
-- first to change the command, e.g. { 'retrylint', 'lsp', '--compile-commands-dir=build' }.
-- tests/lsp/nvim_test.sh loads this very file.
local clients = {}

local function root_of(buffer)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buffer), ':p:h')
  local database = vim.fn.findfile('compile_commands.json', dir .. ';')
  return database ~= '' and vim.fn.fnamemodify(database, ':p:h') or vim.fn.getcwd()
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'c', 'cpp' },
  callback = function(args)
    local root = root_of(args.buf)
    local id = clients[root]
    if not id or vim.lsp.client_is_stopped(id) then
      id = vim.lsp.start_client({
        name = 'retrylint',
        cmd = vim.g.retrylint_cmd or { 'retrylint', 'lsp' },
        root_dir = root,
      })
      clients[root] = id
    end
    if id then
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})
