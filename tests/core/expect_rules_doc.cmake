# docs/rules.md must be exactly what the registry generates.
execute_process(COMMAND ${EXE} rules --markdown OUTPUT_VARIABLE generated RESULT_VARIABLE rc)
file(READ "${DOC}" committed)
if(NOT rc EQUAL 0 OR NOT generated STREQUAL committed)
  message(FATAL_ERROR "docs/rules.md is out of date: run `build/native/formcheck rules --markdown > docs/rules.md`")
endif()
