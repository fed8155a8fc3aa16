// Every test runs three host processes and a PostgreSQL server on a 2-core machine; in parallel they would only slow each other into timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
