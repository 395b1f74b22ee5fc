# Writes OUTPUT: one `{"<rule-id>", R"doc(<markdown>)doc"},` per docs/checks/<rule-id>.md,
# so the SARIF help of each rule is its docs page and the two cannot drift.
file(GLOB pages "${DOCS_DIR}/*.md")
list(SORT pages)
set(content "// Generated from docs/checks by cmake/EmbedDocs.cmake.\n")
foreach(page ${pages})
  get_filename_component(id "${page}" NAME_WE)
  file(READ "${page}" markdown)
  string(APPEND content "{\"${id}\", R\"retrylint_doc(${markdown})retrylint_doc\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "${content}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
