#include <gtest/gtest.h>

#include "tests/unit/table_test_util.hpp"

namespace json = boost::json;
using navarch::api::test::row_cells;

TEST(PodCells, RunningPodWithRestarts) {
  auto cells = row_cells("pods", R"({"metadata":{"name":"web","namespace":"default",
      "creationTimestamp":"2024-05-01T09:00:00Z"},
    "spec":{"nodeName":"node-1","containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]},
    "status":{"phase":"Running","podIP":"10.244.0.7","podIPs":[{"ip":"10.244.0.7"}],
      "conditions":[{"type":"Ready","status":"True"}],
      "containerStatuses":[
        {"name":"a","ready":true,"restartCount":3,"state":{"running":{"startedAt":"2024-05-01T11:55:00Z"}},
         "lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-05-01T11:55:00Z"}}},
        {"name":"b","ready":true,"restartCount":2,"state":{"running":{}},
         "lastState":{"terminated":{"exitCode":1,"finishedAt":"2024-05-01T10:00:00Z"}}}]}})");
  EXPECT_EQ(cells, json::parse(R"j(["web","2/2","Running","5 (5m ago)","3h","10.244.0.7","node-1","<none>","<none>"])j"));
}

TEST(PodCells, TerminatingPod) {
  auto cells = row_cells("pods", R"({"metadata":{"name":"old","creationTimestamp":"2024-05-01T11:00:00Z",
      "deletionTimestamp":"2024-05-01T11:59:50Z"},
    "spec":{"containers":[{"name":"a","image":"x"}]},
    "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":true,"restartCount":0,"state":{"running":{}}}]}})");
  EXPECT_EQ(cells.at(1), "1/1");
  EXPECT_EQ(cells.at(2), "Terminating");
  EXPECT_EQ(cells.at(3), "0");
  EXPECT_EQ(cells.at(4), "60m");
}

TEST(PodCells, WaitingInitAndCompletedStates) {
  auto pending = row_cells("pods", R"({"metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"x"}]},
    "status":{"phase":"Pending","containerStatuses":[{"name":"a","ready":false,"restartCount":4,
      "state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}})");
  EXPECT_EQ(pending.at(1), "0/1");
  EXPECT_EQ(pending.at(2), "CrashLoopBackOff");
  EXPECT_EQ(pending.at(3), "4");  // no termination time known: no "(… ago)"
  EXPECT_EQ(pending.at(4), "<unknown>");
  auto init = row_cells("pods", R"({"metadata":{"name":"p"},
    "spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"a"}]},
    "status":{"phase":"Pending","initContainerStatuses":[
      {"name":"i1","state":{"terminated":{"exitCode":0}}},{"name":"i2","state":{"running":{}}}]}})");
  EXPECT_EQ(init.at(2), "Init:1/2");
  auto failed_init = row_cells("pods", R"({"metadata":{"name":"p"},
    "spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
    "status":{"phase":"Pending","initContainerStatuses":[{"name":"i1","state":{"terminated":{"exitCode":2}}}]}})");
  EXPECT_EQ(failed_init.at(2), "Init:ExitCode:2");
  auto done = row_cells("pods", R"({"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]},
    "status":{"phase":"Succeeded","containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}})");
  EXPECT_EQ(done.at(2), "Completed");
}

TEST(ServiceCells, NodePortService) {
  auto cells = row_cells("services", R"({"metadata":{"name":"web","creationTimestamp":"2024-05-01T11:59:30Z"},
    "spec":{"type":"NodePort","clusterIP":"10.96.0.20","clusterIPs":["10.96.0.20"],"selector":{"app":"web"},
      "ports":[{"port":80,"targetPort":8080,"nodePort":30080,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}})");
  EXPECT_EQ(cells, json::parse(R"(["web","NodePort","10.96.0.20","<none>","80:30080/TCP,53/UDP","30s","app=web"])"));
}

TEST(ServiceCells, LoadBalancerAndExternalName) {
  auto lb = row_cells("services", R"({"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","clusterIPs":["10.96.0.2"],
    "ports":[{"port":443,"protocol":"TCP"}]},"status":{"loadBalancer":{}}})");
  EXPECT_EQ(lb.at(3), "<pending>");
  EXPECT_EQ(lb.at(6), "<none>");
  auto ext = row_cells("services", R"({"metadata":{"name":"x"},"spec":{"type":"ExternalName","externalName":"a.example.com"}})");
  EXPECT_EQ(ext.at(2), "<none>");
  EXPECT_EQ(ext.at(3), "a.example.com");
  EXPECT_EQ(ext.at(4), "<none>");
}

TEST(DeploymentCells, ReadyUpToDateAvailableAndWide) {
  auto cells = row_cells("deployments", R"({"metadata":{"name":"web","creationTimestamp":"2024-04-30T12:00:00Z"},
    "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
      "template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"},{"name":"log","image":"busybox"}]}}},
    "status":{"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2}})");
  EXPECT_EQ(cells, json::parse(R"(["web","2/3",3,2,"24h","nginx,log","nginx:1.27,busybox","app=web"])"));
}

TEST(WorkloadCells, ReplicaSetDaemonSetJob) {
  auto rs = row_cells("replicasets", R"({"metadata":{"name":"web-1"},"spec":{"replicas":2,
    "selector":{"matchLabels":{"app":"web","pod-template-hash":"abc"}},"template":{"spec":{"containers":[{"name":"n","image":"i"}]}}},
    "status":{"replicas":2,"readyReplicas":1}})");
  EXPECT_EQ(rs, json::parse(R"(["web-1",2,2,1,"<unknown>","n","i","app=web,pod-template-hash=abc"])"));
  auto ds = row_cells("daemonsets", R"({"metadata":{"name":"agent"},"spec":{"selector":{},
    "template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"},"containers":[{"name":"a","image":"i"}]}}},
    "status":{"desiredNumberScheduled":2,"currentNumberScheduled":2,"numberReady":1,"updatedNumberScheduled":2,"numberAvailable":1}})");
  EXPECT_EQ(ds, json::parse(R"(["agent",2,2,1,2,1,"kubernetes.io/os=linux","<unknown>","a","i","<none>"])"));
  auto job = row_cells("jobs", R"({"metadata":{"name":"pi","creationTimestamp":"2024-05-01T11:50:00Z"},
    "spec":{"completions":1,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u"}},
      "template":{"spec":{"containers":[{"name":"pi","image":"perl"}]}}},
    "status":{"succeeded":1,"startTime":"2024-05-01T11:50:00Z","completionTime":"2024-05-01T11:50:42Z",
      "conditions":[{"type":"Complete","status":"True"}]}})");
  EXPECT_EQ(job, json::parse(R"(["pi","Complete","1/1","42s","10m","pi","perl","batch.kubernetes.io/controller-uid=u"])"));
  auto running = row_cells("jobs", R"({"metadata":{"name":"r"},"spec":{"parallelism":3},
    "status":{"startTime":"2024-05-01T11:59:00Z"}})");
  EXPECT_EQ(running.at(1), "Running");
  EXPECT_EQ(running.at(2), "0/1 of 3");
  EXPECT_EQ(running.at(3), "60s");
}

TEST(CoreCells, NodeNamespaceConfigSecretLeaseAccount) {
  auto node = row_cells("nodes", R"({"metadata":{"name":"node-1","labels":{"node-role.kubernetes.io/control-plane":""}},
    "spec":{"unschedulable":true},
    "status":{"conditions":[{"type":"Ready","status":"True"}],"addresses":[{"type":"InternalIP","address":"192.168.1.5"}],
      "nodeInfo":{"kubeletVersion":"v1.31.0","osImage":"Debian","kernelVersion":"6.1.0"}}})");
  EXPECT_EQ(node, json::parse(R"(["node-1","Ready,SchedulingDisabled","control-plane","<unknown>","v1.31.0",
                                 "192.168.1.5","<none>","Debian","6.1.0","<unknown>"])"));
  EXPECT_EQ(row_cells("namespaces", R"({"metadata":{"name":"default"},"status":{"phase":"Active"}})"),
            json::parse(R"(["default","Active","<unknown>"])"));
  EXPECT_EQ(row_cells("configmaps", R"({"metadata":{"name":"c"},"data":{"a":"1","b":"2"},"binaryData":{"c":"eA=="}})"),
            json::parse(R"(["c",3,"<unknown>"])"));
  EXPECT_EQ(row_cells("secrets", R"({"metadata":{"name":"s"},"type":"Opaque","data":{"a":"eA=="}})"),
            json::parse(R"(["s","Opaque",1,"<unknown>"])"));
  EXPECT_EQ(row_cells("leases", R"({"metadata":{"name":"node-1"},"spec":{"holderIdentity":"node-1"}})"),
            json::parse(R"(["node-1","node-1","<unknown>"])"));
  EXPECT_EQ(row_cells("serviceaccounts", R"({"metadata":{"name":"default"}})"),
            json::parse(R"(["default",0,"<unknown>"])"));
  EXPECT_EQ(row_cells("widgets", R"({"metadata":{"name":"w","creationTimestamp":"2024-05-01T11:00:00Z"}})"),
            json::parse(R"(["w","60m"])"));
}

TEST(CoreCells, EventsAndEndpoints) {
  auto ev = row_cells("events", R"({"metadata":{"name":"web.17a"},"type":"Normal","reason":"Pulled",
    "message":"  Successfully pulled image\n","involvedObject":{"kind":"Pod","name":"web","fieldPath":"spec.containers{a}"},
    "source":{"component":"kubelet","host":"node-1"},"firstTimestamp":"2024-05-01T11:00:00Z",
    "lastTimestamp":"2024-05-01T11:59:00Z","count":3})");
  EXPECT_EQ(ev, json::parse(R"(["60s","Normal","Pulled","pod/web","spec.containers{a}","kubelet, node-1",
                               "Successfully pulled image","60m",3,"web.17a"])"));
  auto ep = row_cells("endpoints", R"({"metadata":{"name":"web"},"subsets":[{"addresses":[{"ip":"10.0.0.1"},
    {"ip":"10.0.0.2"},{"ip":"10.0.0.3"},{"ip":"10.0.0.4"}],"ports":[{"port":80}]}]})");
  EXPECT_EQ(ep.at(1), "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...");
  EXPECT_EQ(row_cells("endpoints", R"({"metadata":{"name":"e"}})").at(1), "<none>");
}
