// Every kind a kubectl user of a Kubernetes 1.31 cluster meets, through the real kubectl: discovery
// (api-resources, short names, `get all`), apply of each kind, the columns `kubectl get` prints, validation
// errors in Kubernetes' words, scale, the built-in PriorityClasses, and the kinds served in two versions or groups.
#include <boost/json.hpp>

#include "tests/e2e/kubectl_fixture.hpp"

namespace navarch::e2e {
namespace {

class KubectlKinds : public KubectlTest {};

constexpr const char* namespaced_kinds = R"(apiVersion: v1
kind: ReplicationController
metadata: {name: rc1}
spec:
  replicas: 0
  template:
    metadata: {labels: {app: rc1}}
    spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: PodTemplate
metadata: {name: pt1}
template:
  metadata: {labels: {app: pt1}}
  spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: pvc1}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: quota1}
spec: {hard: {pods: "10"}}
---
apiVersion: v1
kind: LimitRange
metadata: {name: limits1}
spec:
  limits: [{type: Container, max: {cpu: "2"}}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: sts1}
spec:
  replicas: 0
  serviceName: sts1
  selector: {matchLabels: {app: sts1}}
  template:
    metadata: {labels: {app: sts1}}
    spec: {containers: [{name: c, image: busybox}]}
---
apiVersion: apps/v1
kind: ControllerRevision
metadata: {name: rev1}
data: {spec: {}}
revision: 1
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: cj1}
spec:
  schedule: "*/5 * * * *"
  suspend: true
  jobTemplate:
    spec:
      template:
        spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: hpa1}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: sts1}
  maxReplicas: 3
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb1}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: sts1}}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: slice1}
addressType: IPv4
ports: [{port: 80}]
endpoints: [{addresses: [10.0.0.1]}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ing1}
spec:
  rules:
  - host: a.example.com
    http:
      paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: netpol1}
spec: {podSelector: {matchLabels: {app: sts1}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: role1}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb1}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: role1}
subjects: [{kind: User, name: alice}]
)";

// A CSIDriver name has at most 63 characters: the end of the namespace (which names the client) and a domain.
std::string csi_driver_name(const std::string& s) {
  return "csi-" + (s.size() > 40 ? s.substr(s.size() - 40) : s) + ".example.com";
}

// Cluster-scoped objects carry the test namespace in their names, so clients and reruns do not collide.
std::string cluster_kinds(const std::string& s) {
  return "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv-" + s +
         "}\nspec:\n  capacity: {storage: 5Gi}\n  accessModes: [ReadWriteOnce]\n  hostPath: {path: /tmp/" + s +
         "}\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: pc-" + s +
         "}\nvalue: 1000\n---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: sc-" + s +
         "}\nprovisioner: example.com/disk\n---\napiVersion: storage.k8s.io/v1\nkind: CSIDriver\nmetadata: {name: " +
         csi_driver_name(s) + "}\nspec: {}\n---\napiVersion: storage.k8s.io/v1\nkind: CSINode\nmetadata: {name: node-" +
         s +
         "}\nspec: {drivers: [{name: a.csi.example.com, nodeID: n1}]}\n---\napiVersion: storage.k8s.io/v1\nkind: "
         "VolumeAttachment\nmetadata: {name: va-" + s +
         "}\nspec: {attacher: a.csi.example.com, nodeName: n1, source: {persistentVolumeName: pv-" + s +
         "}}\n---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: ic-" + s +
         "}\nspec: {controller: example.com/ingress}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: "
         "ClusterRole\nmetadata: {name: cr-" + s +
         "}\nrules: [{nonResourceURLs: [/healthz], verbs: [get]}]\n---\napiVersion: rbac.authorization.k8s.io/v1\n"
         "kind: ClusterRoleBinding\nmetadata: {name: crb-" + s + "}\nroleRef: {apiGroup: rbac.authorization.k8s.io, "
         "kind: ClusterRole, name: cr-" + s + "}\nsubjects: [{kind: ServiceAccount, name: sa, namespace: " + s + "}]\n";
}

TEST_P(KubectlKinds, ApiResourcesListsEveryKind) {
  auto r = kubectl({"api-resources"});
  ASSERT_KUBECTL_OK(r);
  for (const char* line : {
           R"(^replicationcontrollers\s+rc\s+v1\s+true\s+ReplicationController\s*$)",
           R"(^podtemplates\s+v1\s+true\s+PodTemplate\s*$)",
           R"(^persistentvolumes\s+pv\s+v1\s+false\s+PersistentVolume\s*$)",
           R"(^persistentvolumeclaims\s+pvc\s+v1\s+true\s+PersistentVolumeClaim\s*$)",
           R"(^resourcequotas\s+quota\s+v1\s+true\s+ResourceQuota\s*$)",
           R"(^limitranges\s+limits\s+v1\s+true\s+LimitRange\s*$)",
           R"(^statefulsets\s+sts\s+apps/v1\s+true\s+StatefulSet\s*$)",
           R"(^controllerrevisions\s+apps/v1\s+true\s+ControllerRevision\s*$)",
           R"(^cronjobs\s+cj\s+batch/v1\s+true\s+CronJob\s*$)",
           R"(^horizontalpodautoscalers\s+hpa\s+autoscaling/v2\s+true\s+HorizontalPodAutoscaler\s*$)",
           R"(^poddisruptionbudgets\s+pdb\s+policy/v1\s+true\s+PodDisruptionBudget\s*$)",
           R"(^priorityclasses\s+pc\s+scheduling\.k8s\.io/v1\s+false\s+PriorityClass\s*$)",
           R"(^storageclasses\s+sc\s+storage\.k8s\.io/v1\s+false\s+StorageClass\s*$)",
           R"(^csidrivers\s+storage\.k8s\.io/v1\s+false\s+CSIDriver\s*$)",
           R"(^csinodes\s+storage\.k8s\.io/v1\s+false\s+CSINode\s*$)",
           R"(^volumeattachments\s+storage\.k8s\.io/v1\s+false\s+VolumeAttachment\s*$)",
           R"(^endpointslices\s+discovery\.k8s\.io/v1\s+true\s+EndpointSlice\s*$)",
           R"(^ingresses\s+ing\s+networking\.k8s\.io/v1\s+true\s+Ingress\s*$)",
           R"(^ingressclasses\s+networking\.k8s\.io/v1\s+false\s+IngressClass\s*$)",
           R"(^networkpolicies\s+netpol\s+networking\.k8s\.io/v1\s+true\s+NetworkPolicy\s*$)",
           R"(^events\s+ev\s+events\.k8s\.io/v1\s+true\s+Event\s*$)",
           R"(^roles\s+rbac\.authorization\.k8s\.io/v1\s+true\s+Role\s*$)",
           R"(^clusterroles\s+rbac\.authorization\.k8s\.io/v1\s+false\s+ClusterRole\s*$)",
           R"(^rolebindings\s+rbac\.authorization\.k8s\.io/v1\s+true\s+RoleBinding\s*$)",
           R"(^clusterrolebindings\s+rbac\.authorization\.k8s\.io/v1\s+false\s+ClusterRoleBinding\s*$)",
       })
    EXPECT_TRUE(contains_match(r.out, line)) << line << "\n" << r;
}

TEST_P(KubectlKinds, ApplyEveryKindThenGetPrintsKubernetesColumns) {
  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", manifest("kinds.yaml", namespaced_kinds)}));
  ASSERT_KUBECTL_OK(kubectl({"apply", "-f", manifest("cluster.yaml", cluster_kinds(ns()))}));
  struct expect {
    std::vector<std::string> args;
    std::string header;
    std::string row;
  };
  const std::string s = ns();
  for (const auto& e : std::vector<expect>{
           {{"get", "rc"}, R"(^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s*$)", R"(^rc1\s+0\s+0\s+0\s+\S+\s*$)"},
           {{"get", "podtemplates"}, R"(^NAME\s+CONTAINERS\s+IMAGES\s+POD LABELS\s*$)",
            R"(^pt1\s+c\s+busybox\s+app=pt1\s*$)"},
           {{"get", "pvc"},
            R"(^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE\s*$)",
            R"(^pvc1\s+Pending\s+<unset>\s+\S+\s*$)"},
           {{"get", "quota"}, R"(^NAME\s+REQUEST\s+LIMIT\s+AGE\s*$)", R"(^quota1\s+\S+\s*$)"},
           {{"get", "limits"}, R"(^NAME\s+CREATED AT\s*$)", R"(^limits1\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s*$)"},
           {{"get", "sts", "-o", "wide"}, R"(^NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s*$)",
            R"(^sts1\s+0/0\s+\S+\s+c\s+busybox\s*$)"},
           {{"get", "controllerrevisions"}, R"(^NAME\s+CONTROLLER\s+REVISION\s+AGE\s*$)",
            R"(^rev1\s+<none>\s+1\s+\S+\s*$)"},
           {{"get", "cj"}, R"(^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\s*$)",
            R"(^cj1\s+\*/5 \* \* \* \*\s+<none>\s+True\s+0\s+<none>\s+\S+\s*$)"},
           {{"get", "hpa"}, R"(^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\s*$)",
            R"(^hpa1\s+StatefulSet/sts1\s+cpu: <unknown>/80%\s+1\s+3\s+0\s+\S+\s*$)"},
           {{"get", "pdb"}, R"(^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\s*$)",
            R"(^pdb1\s+1\s+N/A\s+0\s+\S+\s*$)"},
           {{"get", "endpointslices"}, R"(^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE\s*$)",
            R"(^slice1\s+IPv4\s+80\s+10\.0\.0\.1\s+\S+\s*$)"},
           {{"get", "ing"}, R"(^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\s*$)",
            R"(^ing1\s+<none>\s+a\.example\.com\s+80\s+\S+\s*$)"},
           {{"get", "netpol"}, R"(^NAME\s+POD-SELECTOR\s+AGE\s*$)", R"(^netpol1\s+app=sts1\s+\S+\s*$)"},
           {{"get", "roles"}, R"(^NAME\s+CREATED AT\s*$)", R"(^role1\s+\d{4}-\S+Z\s*$)"},
           {{"get", "rolebindings", "-o", "wide"}, R"(^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\s*$)",
            R"(^rb1\s+Role/role1\s+\S+\s+alice\s*$)"},
       }) {
    auto r = in_ns(e.args);
    EXPECT_KUBECTL_OK(r);
    EXPECT_TRUE(contains_match(r.out, e.header)) << e.header << "\n" << r;
    EXPECT_TRUE(contains_match(r.out, e.row)) << e.row << "\n" << r;
  }
  for (const auto& e : std::vector<expect>{
           {{"get", "pv", "pv-" + s},
            R"(^NAME\s+CAPACITY\s+ACCESS MODES\s+RECLAIM POLICY\s+STATUS\s+CLAIM\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+REASON\s+AGE\s*$)",
            "^pv-" + s + R"(\s+5Gi\s+RWO\s+Retain\s+Pending\s+<unset>\s+\S+\s*$)"},
           {{"get", "pc", "pc-" + s}, R"(^NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE\s+PREEMPTIONPOLICY\s*$)",
            "^pc-" + s + R"(\s+1000\s+false\s+\S+\s+PreemptLowerPriority\s*$)"},
           {{"get", "sc", "sc-" + s},
            R"(^NAME\s+PROVISIONER\s+RECLAIMPOLICY\s+VOLUMEBINDINGMODE\s+ALLOWVOLUMEEXPANSION\s+AGE\s*$)",
            "^sc-" + s + R"(\s+example\.com/disk\s+Delete\s+Immediate\s+false\s+\S+\s*$)"},
           {{"get", "csidrivers", csi_driver_name(s)},
            R"(^NAME\s+ATTACHREQUIRED\s+PODINFOONMOUNT\s+STORAGECAPACITY\s+TOKENREQUESTS\s+REQUIRESREPUBLISH\s+MODES\s+AGE\s*$)",
            "^" + csi_driver_name(s) + R"(\s+true\s+false\s+false\s+<unset>\s+false\s+Persistent\s+\S+\s*$)"},
           {{"get", "csinodes", "node-" + s}, R"(^NAME\s+DRIVERS\s+AGE\s*$)", "^node-" + s + R"(\s+1\s+\S+\s*$)"},
           {{"get", "volumeattachments", "va-" + s}, R"(^NAME\s+ATTACHER\s+PV\s+NODE\s+ATTACHED\s+AGE\s*$)",
            "^va-" + s + R"(\s+a\.csi\.example\.com\s+pv-)" + s + R"(\s+n1\s+false\s+\S+\s*$)"},
           {{"get", "ingressclasses", "ic-" + s}, R"(^NAME\s+CONTROLLER\s+PARAMETERS\s+AGE\s*$)",
            "^ic-" + s + R"(\s+example\.com/ingress\s+<none>\s+\S+\s*$)"},
           {{"get", "clusterroles", "cr-" + s}, R"(^NAME\s+CREATED AT\s*$)", "^cr-" + s + R"(\s+\d{4}-\S+Z\s*$)"},
           {{"get", "clusterrolebindings", "crb-" + s, "-o", "wide"},
            R"(^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\s*$)",
            "^crb-" + s + R"(\s+ClusterRole/cr-)" + s + R"(\s+\S+\s+)" + s + R"(/sa\s*$)"},
       }) {
    auto r = kubectl(e.args);
    EXPECT_KUBECTL_OK(r);
    EXPECT_TRUE(contains_match(r.out, e.header)) << e.header << "\n" << r;
    EXPECT_TRUE(contains_match(r.out, e.row)) << e.row << "\n" << r;
  }
  // Applying the same manifests again changes nothing and fails nothing.
  EXPECT_KUBECTL_OK(in_ns({"apply", "-f", manifest("kinds.yaml", namespaced_kinds)}));
  EXPECT_KUBECTL_OK(kubectl({"delete", "-f", manifest("cluster.yaml", cluster_kinds(ns()))}));
}

TEST_P(KubectlKinds, GetAllListsWhatKubernetesLists) {
  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", manifest("kinds.yaml", namespaced_kinds)}));
  auto r = in_ns({"get", "all"});
  ASSERT_KUBECTL_OK(r);
  for (const char* name : {R"(^replicationcontroller/rc1\s)", R"(^statefulset\.apps/sts1\s)",
                           R"(^cronjob\.batch/cj1\s)", R"(^horizontalpodautoscaler\.autoscaling/hpa1\s)"})
    EXPECT_TRUE(contains_match(r.out, name)) << name << "\n" << r;
  for (const char* absent : {"persistentvolumeclaim", "poddisruptionbudget", "ingress", "role", "podtemplate"})
    EXPECT_FALSE(contains_match(r.out, std::string("^") + absent)) << absent << "\n" << r;
}

TEST_P(KubectlKinds, ValidationErrorsInKubernetesWords) {
  auto bad_cron = in_ns({"apply", "-f", manifest("cron.yaml", R"(apiVersion: batch/v1
kind: CronJob
metadata: {name: bad}
spec:
  schedule: "every minute"
  jobTemplate:
    spec:
      template:
        spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
)")});
  EXPECT_KUBECTL_FAILS(bad_cron);
  EXPECT_TRUE(contains_match(bad_cron.err, R"(The CronJob "bad" is invalid: spec\.schedule: Invalid value: "every minute": expected exactly 5 fields, found 2: \[every minute\])"))
      << bad_cron;

  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", manifest("kinds.yaml", namespaced_kinds)}));
  auto role_ref = in_ns({"patch", "rolebinding", "rb1", "--type=merge", "-p", R"({"roleRef":{"name":"other"}})"});
  EXPECT_KUBECTL_FAILS(role_ref);
  EXPECT_TRUE(contains_match(role_ref.err, R"(roleRef: Invalid value: rbac\.RoleRef\{.*Name:"other"\}: cannot change roleRef)"))
      << role_ref;

  auto pvc = in_ns({"patch", "pvc", "pvc1", "--type=merge", "-p", R"({"spec":{"accessModes":["ReadWriteMany"]}})"});
  EXPECT_KUBECTL_FAILS(pvc);
  EXPECT_TRUE(contains_match(pvc.err, R"(spec: Forbidden: spec is immutable after creation)")) << pvc;

  auto sts = in_ns({"patch", "sts", "sts1", "--type=merge", "-p", R"({"spec":{"serviceName":"other"}})"});
  EXPECT_KUBECTL_FAILS(sts);
  EXPECT_TRUE(contains_match(sts.err, R"(spec: Forbidden: updates to statefulset spec for fields other than)")) << sts;

  auto pc = kubectl({"create", "-f", manifest("pc.yaml", "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\n"
                                                        "metadata: {name: system-mine-" + ns() + "}\nvalue: 5\n")});
  EXPECT_KUBECTL_FAILS(pc);
  EXPECT_TRUE(contains_match(pc.err, R"(metadata\.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only)"))
      << pc;
}

TEST_P(KubectlKinds, BuiltInPriorityClassesExistAndKeepTheirValue) {
  auto r = kubectl({"get", "priorityclasses"});
  ASSERT_KUBECTL_OK(r);
  EXPECT_TRUE(contains_match(r.out, R"(^system-cluster-critical\s+2000000000\s+false\s+\S+\s+PreemptLowerPriority\s*$)"))
      << r;
  EXPECT_TRUE(contains_match(r.out, R"(^system-node-critical\s+2000001000\s+false\s+\S+\s+PreemptLowerPriority\s*$)"))
      << r;
  auto change = kubectl({"patch", "pc", "system-node-critical", "--type=merge", "-p", R"({"value":7})"});
  EXPECT_KUBECTL_FAILS(change);
  EXPECT_TRUE(contains_match(change.err, R"(value: Forbidden: may not be changed in an update\.)")) << change;
}

TEST_P(KubectlKinds, ScaleStatefulSetAndReplicationController) {
  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", manifest("kinds.yaml", namespaced_kinds)}));
  ASSERT_KUBECTL_OK(in_ns({"scale", "statefulset", "sts1", "--replicas=2"}));
  EXPECT_EQ(jsonpath("statefulset", "sts1", "{.spec.replicas}"), "2");
  ASSERT_KUBECTL_OK(in_ns({"scale", "rc", "rc1", "--replicas=3"}));
  EXPECT_EQ(jsonpath("rc", "rc1", "{.spec.replicas}"), "3");
}

TEST_P(KubectlKinds, HorizontalPodAutoscalerServedInBothVersions) {
  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", manifest("kinds.yaml", namespaced_kinds)}));
  auto v1 = in_ns({"get", "horizontalpodautoscalers.v1.autoscaling", "hpa1", "-o",
                   "jsonpath={.apiVersion} {.spec.targetCPUUtilizationPercentage}"});
  EXPECT_KUBECTL_OK(v1);
  EXPECT_EQ(v1.out, "autoscaling/v1 80");
  ASSERT_KUBECTL_OK(in_ns({"apply", "-f", manifest("hpa-v1.yaml", R"(apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: hpa-v1}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: sts1}
  maxReplicas: 4
  targetCPUUtilizationPercentage: 50
)")}));
  auto v2 = in_ns({"get", "horizontalpodautoscalers.v2.autoscaling", "hpa-v1", "-o",
                   "jsonpath={.apiVersion} {.spec.metrics[0].resource.target.averageUtilization}"});
  EXPECT_KUBECTL_OK(v2);
  EXPECT_EQ(v2.out, "autoscaling/v2 50");
}

TEST_P(KubectlKinds, EventsK8sIoShowsCoreEventsInItsOwnWords) {
  ASSERT_KUBECTL_OK(in_ns({"create", "-f", manifest("event.yaml", "apiVersion: v1\nkind: Event\nmetadata: {name: ev1}\n"
                                                                 "involvedObject: {kind: Pod, name: p, namespace: " +
                                                                     ns() +
                                                                     "}\nreason: Tested\nmessage: hello from core\n"
                                                                     "type: Normal\n")}));
  auto r = in_ns({"get", "events.v1.events.k8s.io", "ev1", "-o", "jsonpath={.apiVersion} {.note} {.regarding.name}"});
  EXPECT_KUBECTL_OK(r);
  EXPECT_EQ(r.out, "events.k8s.io/v1 hello from core p");
}

INSTANTIATE_TEST_SUITE_P(Clients, KubectlKinds, ::testing::ValuesIn(kubectl_clients()), client_test_name);

}  // namespace
}  // namespace navarch::e2e
