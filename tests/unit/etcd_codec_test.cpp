#include "actors/store/etcd/etcd_codec.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

namespace navarch::etcd {
namespace {

namespace json = boost::json;

json::value parsed(const std::string& s) { return json::parse(s); }

// Bodies below are etcd 3.4.23's own answers (captured with curl), trimmed of cluster ids.
TEST(EtcdCodec, EncodesRangeWithBase64AndStringInts) {
  msg::range_request req{"/a", "/b", 7, 2, true};
  EXPECT_EQ(parsed(encode(req)),
            parsed(R"({"key":"L2E=","range_end":"L2I=","revision":"7","limit":"2","count_only":true})"));
  EXPECT_EQ(parsed(encode(msg::range_request{"k", "", 0, 0, false})), parsed(R"({"key":"aw=="})"));
}

TEST(EtcdCodec, DecodesRangeWithOmittedDefaults) {
  auto r = decode_range(R"({"header":{"revision":"4","raft_term":"2"},"kvs":[{"key":"YQ==","create_revision":"2",)"
                        R"("mod_revision":"4","version":"3","value":"Yg=="},{"key":"Yw==","create_revision":"3",)"
                        R"("mod_revision":"3","version":"1"}],"more":true,"count":"5"})");
  EXPECT_EQ(r.error, msg::store_ok);
  EXPECT_EQ(r.revision, 4);
  EXPECT_TRUE(r.more);
  EXPECT_EQ(r.count, 5);
  ASSERT_EQ(r.kvs.size(), 2u);
  EXPECT_EQ(r.kvs[0].key, "a");
  EXPECT_EQ(r.kvs[0].value, "b");
  EXPECT_EQ(r.kvs[0].create_revision, 2);
  EXPECT_EQ(r.kvs[0].mod_revision, 4);
  EXPECT_EQ(r.kvs[0].version, 3);
  EXPECT_EQ(r.kvs[1].value, "");  // an empty value is left out
  auto empty = decode_range(R"({"header":{"revision":"9"}})");
  EXPECT_TRUE(empty.kvs.empty());
  EXPECT_EQ(empty.count, 0);
  EXPECT_FALSE(empty.more);
}

TEST(EtcdCodec, EncodesTxnComparesAndOps) {
  msg::txn_request req;
  req.compares = {{"k", msg::compare::mod, msg::compare::equal, 4, ""},
                  {"k", msg::compare::create, msg::compare::greater, 1, ""},
                  {"k", msg::compare::version, msg::compare::less, 3, ""},
                  {"k", msg::compare::value, msg::compare::not_equal, 0, "v"}};
  req.success = {{msg::request_op::put, "k", "", "v", true}, {msg::request_op::del, "a", "b", "", false}};
  req.failure = {{msg::request_op::range, "k", "", "", false}};
  EXPECT_EQ(parsed(encode(req)), parsed(R"({"compare":[
      {"key":"aw==","target":"MOD","result":"EQUAL","mod_revision":"4"},
      {"key":"aw==","target":"CREATE","result":"GREATER","create_revision":"1"},
      {"key":"aw==","target":"VERSION","result":"LESS","version":"3"},
      {"key":"aw==","target":"VALUE","result":"NOT_EQUAL","value":"dg=="}],
    "success":[{"request_put":{"key":"aw==","value":"dg==","prev_kv":true}},
               {"request_delete_range":{"key":"YQ==","range_end":"Yg=="}}],
    "failure":[{"request_range":{"key":"aw=="}}]})"));
  msg::txn_request bad;
  bad.success = {{9, "k", "", "", false}};
  EXPECT_THROW(encode(bad), std::invalid_argument);
}

TEST(EtcdCodec, DecodesTxnSucceededAndFailed) {
  auto ok = decode_txn(R"({"header":{"revision":"6"},"succeeded":true,"responses":[
      {"response_put":{"header":{"revision":"6"},"prev_kv":{"key":"aw==","create_revision":"2","mod_revision":"5",
       "version":"2","value":"dg=="}}},
      {"response_delete_range":{"header":{"revision":"6"},"deleted":"2","prev_kvs":[{"key":"YQ=="},{"key":"Yg=="}]}},
      {"response_put":{"header":{"revision":"6"}}}]})");
  EXPECT_TRUE(ok.succeeded);
  EXPECT_EQ(ok.revision, 6);
  ASSERT_EQ(ok.responses.size(), 3u);
  EXPECT_EQ(ok.responses[0].kind, msg::request_op::put);
  ASSERT_EQ(ok.responses[0].prev_kvs.size(), 1u);
  EXPECT_EQ(ok.responses[0].prev_kvs[0].mod_revision, 5);
  EXPECT_EQ(ok.responses[1].kind, msg::request_op::del);
  EXPECT_EQ(ok.responses[1].deleted, 2);
  EXPECT_EQ(ok.responses[1].prev_kvs.size(), 2u);
  EXPECT_TRUE(ok.responses[2].prev_kvs.empty());
  // etcd leaves out "succeeded" when it is false.
  auto failed = decode_txn(R"({"header":{"revision":"4"},"responses":[{"response_range":{"header":{"revision":"4"},)"
                           R"("kvs":[{"key":"YQ==","mod_revision":"4","version":"3","value":"Yg=="}],"count":"1"}}]})");
  EXPECT_FALSE(failed.succeeded);
  ASSERT_EQ(failed.responses.size(), 1u);
  EXPECT_EQ(failed.responses[0].kind, msg::request_op::range);
  EXPECT_EQ(failed.responses[0].range.kvs.at(0).value, "b");
  EXPECT_EQ(failed.responses[0].range.count, 1);
}

TEST(EtcdCodec, CompactAndWatchRequests) {
  EXPECT_EQ(parsed(encode(msg::compact_request{12})), parsed(R"({"revision":"12"})"));
  EXPECT_EQ(decode_compact(R"({"header":{"revision":"13"}})").revision, 13);
  EXPECT_EQ(parsed(encode(msg::watch_request{"/r/", "/r0", 5, true})),
            parsed(R"({"create_request":{"key":"L3Iv","range_end":"L3Iw","start_revision":"5","prev_kv":true}})"));
  EXPECT_EQ(parsed(encode(msg::watch_request{"k", "", 0, false})), parsed(R"({"create_request":{"key":"aw=="}})"));
}

TEST(EtcdCodec, MapsErrorReplies) {
  EXPECT_EQ(error_of(400, R"({"error":"etcdserver: mvcc: required revision has been compacted","code":11,)"
                          R"("message":"etcdserver: mvcc: required revision has been compacted"})"),
            msg::store_compacted);
  EXPECT_EQ(error_of(400, R"({"error":"etcdserver: mvcc: required revision is a future revision","code":11})"),
            msg::store_future_revision);
  EXPECT_EQ(error_of(400, R"({"error":"etcdserver: request is too large","code":3})"), msg::store_too_large);
  EXPECT_EQ(error_of(429, R"x({"error":"grpc: received message larger than max (2097173 vs. 2097152)","code":8})x"),
            msg::store_too_large);
  EXPECT_EQ(error_of(400, R"({"error":"illegal base64 data at input byte 0","code":3})"), msg::store_bad_request);
  EXPECT_EQ(error_of(503, R"({"error":"etcdserver: no leader","code":14})"), msg::store_unavailable);
  EXPECT_EQ(error_of(502, "Bad Gateway"), msg::store_unavailable);
}

TEST(EtcdCodec, DecodesWatchMessages) {
  auto created = decode_watch_message(R"({"result":{"header":{"revision":"4"},"created":true}})");
  EXPECT_TRUE(created.created);
  EXPECT_EQ(created.revision, 4);
  EXPECT_FALSE(created.canceled);
  auto events = decode_watch_message(
      R"({"result":{"header":{"revision":"6"},"events":[{"kv":{"key":"YQ==","create_revision":"2","mod_revision":"5",)"
      R"("version":"2","value":"Yw=="},"prev_kv":{"key":"YQ==","create_revision":"2","mod_revision":"2","version":"1",)"
      R"("value":"Yg=="}},{"type":"DELETE","kv":{"key":"YQ==","mod_revision":"6"}}]}})");
  ASSERT_EQ(events.events.size(), 2u);
  EXPECT_EQ(events.events[0].type, msg::watch_event::put);
  EXPECT_EQ(events.events[0].kv.value, "c");
  EXPECT_EQ(events.events[0].prev_kv.value, "b");
  EXPECT_EQ(events.events[1].type, msg::watch_event::del);
  EXPECT_EQ(events.events[1].kv.mod_revision, 6);
  EXPECT_EQ(events.events[1].prev_kv.version, 0);
  auto canceled = decode_watch_message(R"({"result":{"header":{},"canceled":true,"compact_revision":"3"}})");
  EXPECT_TRUE(canceled.canceled);
  EXPECT_EQ(canceled.compact_revision, 3);
  auto error = decode_watch_message(R"({"error":{"grpc_code":14,"http_code":503,"message":"no leader"}})");
  EXPECT_TRUE(error.canceled);
  EXPECT_EQ(error.cancel_reason, "no leader");
}

TEST(EtcdCodec, RejectsMalformedReplies) {
  EXPECT_THROW(decode_range("not json"), std::runtime_error);
  EXPECT_THROW(decode_range("[]"), std::runtime_error);
  EXPECT_THROW(decode_range(R"({"header":{"revision":"x"}})"), std::runtime_error);
  EXPECT_THROW(decode_range(R"({"kvs":[{"key":"***"}]})"), std::runtime_error);
  EXPECT_THROW(decode_txn(R"({"responses":[{"response_other":{}}]})"), std::runtime_error);
  EXPECT_THROW(decode_watch_message(R"({"result":{"events":[{"type":"MOVE","kv":{}}]}})"), std::runtime_error);
}

TEST(EtcdCodec, SplitsStreamIntoLines) {
  line_splitter s;
  std::vector<std::string> lines;
  s.feed("{\"a\":1}\n{\"b\"");
  s.take(lines);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "{\"a\":1}");
  s.feed(":2}\r\n\n");
  s.take(lines);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "{\"b\":2}");
  EXPECT_EQ(s.pending_bytes(), 0u);
}

}  // namespace
}  // namespace navarch::etcd
