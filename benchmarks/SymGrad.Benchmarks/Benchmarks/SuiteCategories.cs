namespace SymGrad.Benchmarks.Benchmarks
{
    /// <summary>Benchmark categories that <see cref="SuiteFilter"/> reads.</summary>
    public static class SuiteCategories
    {
        /// <summary>Runs only at shapes whose <c>IsSmall</c> is set (too slow for the large ones).</summary>
        public const string SmallOnly = "small-only";

        /// <summary>Runs once per TorchThreads value; every other benchmark runs with TorchThreads = 1 only.</summary>
        public const string Torch = "torch";
    }
}
