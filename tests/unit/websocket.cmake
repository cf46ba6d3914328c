# kubectl exec's pure parts: WebSocket framing (net/http) and the channel.k8s.io messages (the apiserver's exec
# bridge). Their libraries need Beast or CAF, so the two sources are compiled in directly.
navarch_test(websocket_unit_tests unit SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/websocket_frame_test.cpp ${CMAKE_CURRENT_LIST_DIR}/exec_protocol_test.cpp
  ${PROJECT_SOURCE_DIR}/net/http/websocket_frame.cpp ${PROJECT_SOURCE_DIR}/actors/apiserver/actor/exec_protocol.cpp
  LIBS OpenSSL::Crypto Boost::json)
