# Writes OUT: a C++ file holding every migrations/NNN_name[.dialect].sql as a string, so the binary
# carries its schema and never reads SQL from the working directory at start-up.
file(GLOB files RELATIVE "${DIR}" "${DIR}/*.sql")
list(SORT files)
set(body "// Generated from src/store/migrations by cmake/embed_migrations.cmake. Do not edit.\n")
string(APPEND body "#include \"store/migrations.hpp\"\nnamespace yq::store {\n")
string(APPEND body "const std::vector<MigrationFile>& migration_files() {\n  static const std::vector<MigrationFile> files{\n")
foreach(f IN LISTS files)
  file(READ "${DIR}/${f}" sql)
  string(APPEND body "    {\"${f}\", R\"yqsql(${sql})yqsql\"},\n")
endforeach()
string(APPEND body "  };\n  return files;\n}\n}  // namespace yq::store\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
