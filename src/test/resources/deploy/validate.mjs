// Validates rendered Kubernetes manifests against the OpenAPI schemas shipped in the npm packages
// kubernetes-models (built-in kinds) and @kubernetes-models/prometheus-operator (ServiceMonitor).
//
//   node validate.mjs rendered-dev.yaml rendered-prod.yaml
//
// The packages (and js-yaml) are resolved from a node_modules folder beside or above this script,
// so ManifestsTest copies it into the folder where it installed them.
// Kinds outside those packages (e.g. the CloudNativePG Cluster) are listed as "no model";
// ManifestsTest checks their structure itself. A built-in kind the packages do not know is an
// error, not a skip. Exit code: 0 = all valid, 1 = invalid objects, 2 = usage or setup error.
import { readFileSync } from "node:fs";
import * as yaml from "js-yaml";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs <manifests.yaml>...");
  process.exit(2);
}

// Built-in API groups: the core group ("v1") and *.k8s.io; plus the Prometheus operator's group.
function modulePath(apiVersion) {
  if (apiVersion.startsWith("monitoring.coreos.com/")) {
    return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  }
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  if (group === "" || !group.includes(".") || group.endsWith(".k8s.io")) {
    return `kubernetes-models/${apiVersion}`;
  }
  return null;
}

let valid = 0;
let invalid = 0;
let errors = 0;
const noModel = [];
for (const file of files) {
  const docs = yaml.loadAll(readFileSync(file, "utf8")).filter((d) => d);
  for (const obj of docs) {
    const id = `${obj.kind}/${obj.metadata?.name} (${obj.apiVersion}) in ${file}`;
    const path = modulePath(obj.apiVersion);
    if (!path) {
      noModel.push(id);
      continue;
    }
    let Model;
    try {
      Model = (await import(path))[obj.kind];
    } catch (e) {
      console.log(`ERROR     ${id}: cannot load ${path}: ${e.message}`);
      errors++;
      continue;
    }
    if (!Model) {
      console.log(`ERROR     ${id}: ${path} has no model ${obj.kind}`);
      errors++;
      continue;
    }
    try {
      new Model(obj).validate();
      valid++;
      console.log(`valid     ${id}`);
    } catch (e) {
      invalid++;
      console.log(`INVALID   ${id}: ${e.message}`);
    }
  }
}
for (const id of noModel) console.log(`no model  ${id}`);
console.log(
  `summary: ${valid} valid, ${invalid} invalid, ${errors} errors, ${noModel.length} without a model`,
);
process.exit(errors > 0 ? 2 : invalid > 0 ? 1 : 0);
