using System;

namespace SymGrad.Benchmarks.Workloads
{
    /// <summary>Packs a model's parameter-shaped arrays into one flat gradient, in parameter order.</summary>
    public static class GradientLayout
    {
        public static void Pack(double[][] parts, Span<double> destination)
        {
            int offset = 0;
            foreach (double[] part in parts)
            {
                part.CopyTo(destination.Slice(offset, part.Length));
                offset += part.Length;
            }
        }
    }
}
