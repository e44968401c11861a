"""`recordlint lsp`: a Language Server (over stdio) for editors.

``positions`` converts between the engine's character offsets and LSP positions;
``server`` holds the pygls server and its features (diagnostics, hover, code actions).
"""
