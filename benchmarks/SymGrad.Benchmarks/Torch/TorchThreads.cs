using TorchSharp;

namespace SymGrad.Benchmarks.Torch
{
    /// <summary>
    /// TorchSharp's intra-op thread count. The default is read once, before anything changes it, so a
    /// benchmark can switch between one thread and the default in any order.
    /// </summary>
    public static class TorchThreads
    {
        /// <summary>The value of the TorchThreads benchmark parameter that means one thread.</summary>
        public const string One = "1";

        /// <summary>The value of the TorchThreads benchmark parameter that means LibTorch's default.</summary>
        public const string Default = "default";

        private static readonly int DefaultCount;

        // An explicit static constructor (not a field initializer, which lets the runtime defer the
        // read until the field is first touched, possibly after a set_num_threads(1)) runs before
        // any member of this class is used, so the default is read before anything changes it.
        static TorchThreads()
        {
            DefaultCount = torch.get_num_threads();
        }

        /// <summary>The number of threads LibTorch chose at start-up on this machine.</summary>
        public static int DefaultThreadCount => DefaultCount;

        /// <summary>Applies a TorchThreads parameter value ("1" or "default").</summary>
        public static void Apply(string setting)
        {
            torch.set_num_threads(setting == One ? 1 : DefaultCount);
        }
    }
}
