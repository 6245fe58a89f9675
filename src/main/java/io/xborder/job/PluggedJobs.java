package io.xborder.job;

import java.util.Set;

/**
 * The handler of job kinds that another package does (e.g. training a model): the job queue, its leases, retries
 * and progress stay here, and the package that owns the work implements this as a bean, without this package
 * depending on it.
 */
public interface PluggedJobs extends JobItemHandler {

    /** The kinds this handler does. */
    Set<JobKind> kinds();
}
