using System.IO;

namespace SymGrad.Models.AdBench
{
    /// <summary>
    /// ADBench's reference files for one input: <c>{name}_F_Manual.txt</c> (the objective),
    /// <c>{name}_J_Manual.txt</c> (the gradient, one entry a line) and <c>{name}_times_Manual.txt</c>
    /// (the Manual C++ module's objective and gradient seconds).
    /// </summary>
    public sealed class GoldenFiles
    {
        private readonly string prefix;

        /// <param name="folder">The golden folder, e.g. shared/adbench/golden/gmm/1k.</param>
        /// <param name="name">The input's file name without extension, e.g. gmm_d2_K5.</param>
        public GoldenFiles(string folder, string name)
        {
            prefix = Path.Combine(folder, name);
        }

        public double Objective() => new NumberReader(prefix + "_F_Manual.txt").Double();

        public double[] Gradient() => new NumberReader(prefix + "_J_Manual.txt").Rest();

        /// <summary>The Manual C++ seconds per objective and per gradient evaluation.</summary>
        public (double Objective, double Gradient) ManualTimes()
        {
            NumberReader reader = new(prefix + "_times_Manual.txt");
            return (reader.Double(), reader.Double());
        }
    }
}
