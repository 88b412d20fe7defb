package io.legerible.operator.dependent.webapp;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.legerible.operator.api.IngressSpec;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.dependent.DesiredInputs;
import io.legerible.operator.dependent.LibraryDependentResource;
import io.legerible.operator.dependent.Skeleton;
import io.legerible.operator.naming.Component;
import io.legerible.operator.naming.LibraryNaming;
import java.util.List;

/** The website's Ingress, present only when the library asks for one. */
@KubernetesDependent(
    informer = @Informer(labelSelector = LibraryNaming.COMPONENT_SELECTOR_PREFIX + "webapp"))
public class WebappIngressDependentResource extends LibraryDependentResource<Ingress> {

  /** Creates the dependent. */
  public WebappIngressDependentResource() {
    super(Ingress.class);
  }

  @Override
  protected String name(LegeribleLibrary library) {
    return LibraryNaming.name(library, Component.WEBAPP);
  }

  @Override
  public Ingress build(LegeribleLibrary library, DesiredInputs inputs) {
    IngressSpec spec = library.getSpec().webapp.ingress;
    Ingress ingress =
        Skeleton.load(
            getClass(), "ingress.yaml", Ingress.class, library, Component.WEBAPP, name(library));
    if (spec.className != null && !spec.className.isBlank()) {
      ingress.getSpec().setIngressClassName(spec.className);
    }
    var rule = ingress.getSpec().getRules().get(0);
    rule.setHost(spec.host);
    rule.getHttp().getPaths().get(0).getBackend().getService().setName(name(library));
    if (spec.tlsSecret != null && !spec.tlsSecret.isBlank()) {
      ingress.getSpec().setTls(List.of(new IngressTLS(List.of(spec.host), spec.tlsSecret)));
    }
    return ingress;
  }
}
