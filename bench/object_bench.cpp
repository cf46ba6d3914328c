// object_bench: what reading object JSON with simdjson (api/object/object_view) saves over parsing it into
// Boost.JSON, on the read-only paths that use it. Realistic pods (~3 KB: labels, annotations, managedFields,
// containers with env and resources, status with conditions). Times are the thread's own cpu time, which other
// processes on a shared machine do not distort; each figure is the best of 5 rounds.
//   1. one pod: Boost.JSON parse, simdjson parse, simdjson parse + conversion to Boost.JSON
//   2. an informer List of N pods: Boost.JSON parse of the body (the floor of the old object_cache::apply_list)
//      against object_cache::apply_list (an on-demand scan) into an empty cache and a relist of the unchanged
//      collection
//   3. a list with fieldSelector spec.nodeName over N stored pods, 1 in 50 matching: Boost.JSON parse + match of
//      every object (before) against object_filter::matches_json, parsing only the matches
// Usage: object_bench [PODS]   (default 5000)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include <boost/json.hpp>

#include "actors/apiserver/core/filter.hpp"
#include "actors/client/object_cache.hpp"
#include "api/object/list_scan.hpp"
#include "api/object/object_view.hpp"
#include "api/registry/registry.hpp"

namespace json = boost::json;
using namespace navarch;

namespace {

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// Best of 5 rounds of `reps` runs of f, in seconds per run.
double best_seconds(int reps, const std::function<void()>& f) {
  double best = 1e30;
  for (int round = 0; round < 5; ++round) {
    double start = thread_cpu_seconds();
    for (int i = 0; i < reps; ++i) f();
    best = std::min(best, (thread_cpu_seconds() - start) / reps);
  }
  return best;
}

std::string pod_json(int i) {
  std::string n = std::to_string(i);
  json::object pod{
      {"apiVersion", "v1"},
      {"kind", "Pod"},
      {"metadata",
       {{"name", "web-7d9f8c-" + n},
        {"namespace", "prod"},
        {"uid", "3f1c2b9e-8a7d-4c6b-9e1f-" + std::string(12 - std::min<size_t>(12, n.size()), '0') + n},
        {"resourceVersion", std::to_string(1000 + i)},
        {"creationTimestamp", "2024-05-01T12:00:00Z"},
        {"labels", {{"app", "web"}, {"pod-template-hash", "7d9f8c"}, {"tier", "frontend"}, {"track", "stable"}}},
        {"annotations", {{"kubectl.kubernetes.io/restartedAt", "2024-05-01T11:59:00Z"},
                         {"prometheus.io/scrape", "true"}, {"prometheus.io/port", "9090"}}},
        {"ownerReferences", json::array{{{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"}, {"name", "web-7d9f8c"},
                                         {"uid", "rs-uid-1"}, {"controller", true}, {"blockOwnerDeletion", true}}}},
        {"managedFields",
         json::array{{{"manager", "kube-controller-manager"}, {"operation", "Update"}, {"apiVersion", "v1"},
                      {"time", "2024-05-01T12:00:00Z"}, {"fieldsType", "FieldsV1"},
                      {"fieldsV1", {{"f:metadata", {{"f:labels", {{".", json::object{}}, {"f:app", json::object{}}}}}},
                                    {"f:spec", {{"f:containers", {{"k:{\"name\":\"web\"}", json::object{}}}}}}}}}}}}},
      {"spec",
       {{"nodeName", "node-" + std::to_string(i % 50)},
        {"serviceAccountName", "default"},
        {"restartPolicy", "Always"},
        {"terminationGracePeriodSeconds", 30},
        {"containers",
         json::array{{{"name", "web"},
                      {"image", "registry.example.com/web:1.25.3"},
                      {"ports", json::array{{{"containerPort", 8080}, {"protocol", "TCP"}}}},
                      {"env", json::array{{{"name", "MODE"}, {"value", "production"}},
                                          {{"name", "POD_NAME"},
                                           {"valueFrom", {{"fieldRef", {{"fieldPath", "metadata.name"}}}}}}}},
                      {"resources", {{"requests", {{"cpu", "250m"}, {"memory", "256Mi"}}},
                                     {"limits", {{"cpu", "1"}, {"memory", "512Mi"}}}}},
                      {"volumeMounts", json::array{{{"name", "config"}, {"mountPath", "/etc/web"}}}}}}},
        {"volumes", json::array{{{"name", "config"}, {"configMap", {{"name", "web-config"}}}}}},
        {"tolerations", json::array{{{"key", "node.kubernetes.io/not-ready"}, {"operator", "Exists"},
                                     {"effect", "NoExecute"}, {"tolerationSeconds", 300}}}}}},
      {"status",
       {{"phase", "Running"},
        {"podIP", "10.244.0." + std::to_string(i % 250)},
        {"startTime", "2024-05-01T12:00:01Z"},
        {"conditions", json::array{{{"type", "Initialized"}, {"status", "True"}},
                                   {{"type", "Ready"}, {"status", "True"}},
                                   {{"type", "ContainersReady"}, {"status", "True"}},
                                   {{"type", "PodScheduled"}, {"status", "True"}}}},
        {"containerStatuses",
         json::array{{{"name", "web"}, {"ready", true}, {"restartCount", 0}, {"image", "registry.example.com/web:1.25.3"},
                      {"containerID", "navarch://abc" + n},
                      {"state", {{"running", {{"startedAt", "2024-05-01T12:00:02Z"}}}}}}}}}}};
  return json::serialize(pod);
}

void report(const char* what, double seconds, size_t bytes) {
  std::printf("  %-58s %10.2f us  %8.0f MB/s\n", what, seconds * 1e6, double(bytes) / seconds / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  const int pods = argc > 1 ? std::max(50, std::atoi(argv[1])) : 5000;
  std::vector<std::string> texts;
  for (int i = 0; i < pods; ++i) texts.push_back(pod_json(i));
  std::string body = R"({"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"99999"},"items":[)";
  for (int i = 0; i < pods; ++i) body += (i ? "," : "") + texts[size_t(i)];
  body += "]}";
  size_t sink = 0;

  std::printf("1. one pod (%zu bytes)\n", texts[0].size());
  const auto& one = texts[0];
  double boost_one = best_seconds(20000, [&] { sink += json::parse(one).as_object().size(); });
  double simd_one = best_seconds(20000, [&] { sink += api::parsed_json::parse(one).json->root().size(); });
  double simd_conv = best_seconds(20000, [&] {
    sink += api::to_value(api::parsed_json::parse(one).json->root()).as_object().size();
  });
  report("Boost.JSON parse", boost_one, one.size());
  report("simdjson parse (parsed_json)", simd_one, one.size());
  report("simdjson parse + to_value", simd_conv, one.size());
  std::printf("  simdjson parse is %.1fx faster than Boost.JSON; with conversion %.2fx\n", boost_one / simd_one,
              boost_one / simd_conv);

  std::printf("2. informer List of %d pods (%zu bytes)\n", pods, body.size());
  double boost_list = best_seconds(3, [&] { sink += json::parse(body).as_object().size(); });
  double scan = best_seconds(3, [&] { api::scan_list(body, [&](const api::list_item& i) { sink += i.json.size(); }); });
  double first_list = best_seconds(3, [&] {
    client::object_cache c;
    sink += c.apply_list(body).deltas.size();
  });
  client::object_cache warm;
  warm.apply_list(body);
  double relist = best_seconds(3, [&] { sink += warm.apply_list(body).deltas.size(); });
  report("Boost.JSON parse of the body (old apply_list, parse only)", boost_list, body.size());
  report("scan_list of the body (simdjson on-demand)", scan, body.size());
  report("apply_list into an empty cache", first_list, body.size());
  report("apply_list relist, nothing changed", relist, body.size());
  std::printf("  relist is %.1fx faster than parsing the body with Boost.JSON alone\n", boost_list / relist);

  std::printf("3. list with fieldSelector spec.nodeName=node-7 over %d stored pods\n", pods);
  const auto& pod_kind = *api::kind_registry().find("", "v1", "pods");
  auto filter = std::get<api::object_filter>(api::object_filter::parse("", "spec.nodeName=node-7", pod_kind));
  size_t total = 0;
  for (const auto& t : texts) total += t.size();
  size_t matched_before = 0, matched_after = 0;
  double before = best_seconds(3, [&] {
    matched_before = 0;
    for (const auto& t : texts) {
      auto v = json::parse(t);
      if (filter.matches(v)) ++matched_before, sink += v.as_object().size();
    }
  });
  double after = best_seconds(3, [&] {
    matched_after = 0;
    for (const auto& t : texts)
      if (filter.matches_json(t)) ++matched_after, sink += json::parse(t).as_object().size();
  });
  report("Boost.JSON parse + matches, every object", before, total);
  report("matches_json, Boost.JSON parse of the matches only", after, total);
  std::printf("  %zu/%zu matched both ways; %.1fx faster\n", matched_after, matched_before, before / after);
  return sink == 0;
}
