// Each test here starts several server and worker processes: one test at a time keeps the machine's
// load (and the other test projects running beside these) within reason.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
