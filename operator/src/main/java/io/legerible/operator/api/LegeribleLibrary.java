package io.legerible.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.PrinterColumnFormat;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One Legerible library: the website and its whole data platform, declared in one resource. */
@Group("legerible.io")
@Version("v1alpha1")
@ShortNames("library")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    getDescription = "Whether every component is ready for the current generation")
@AdditionalPrinterColumn(
    name = "Available",
    jsonPath = ".status.conditions[?(@.type==\"Available\")].status",
    getDescription = "Whether members can browse, search and loan")
@AdditionalPrinterColumn(
    name = "Degraded",
    jsonPath = ".status.conditions[?(@.type==\"Degraded\")].status",
    getDescription = "Whether a feature members use is impaired")
@AdditionalPrinterColumn(
    name = "Components",
    jsonPath = ".status.componentsReady",
    getDescription = "Components ready out of all components")
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    getDescription = "Pending, Progressing, Ready, Degraded, Error, Paused or Invalid")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE,
    format = PrinterColumnFormat.NONE)
public class LegeribleLibrary extends CustomResource<LegeribleLibrarySpec, LegeribleLibraryStatus>
    implements Namespaced {

  @Override
  protected LegeribleLibrarySpec initSpec() {
    return new LegeribleLibrarySpec();
  }
}
