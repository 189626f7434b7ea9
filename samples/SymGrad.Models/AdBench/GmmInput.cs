namespace SymGrad.Models.AdBench
{
    /// <summary>One ADBench GMM input file: `d K N`, alphas, means, icf, points, then `gamma m`.</summary>
    public sealed class GmmInput
    {
        private GmmInput(int d, int k, int n, double[] alphas, double[] means, double[] icf, double[] x, double gamma, int m)
        {
            D = d;
            K = k;
            N = n;
            Alphas = alphas;
            Means = means;
            Icf = icf;
            X = x;
            WishartGamma = gamma;
            WishartM = m;
        }

        public int D { get; }

        public int K { get; }

        public int N { get; }

        public double[] Alphas { get; }

        public double[] Means { get; }

        public double[] Icf { get; }

        public double[] X { get; }

        public double WishartGamma { get; }

        public int WishartM { get; }

        /// <summary>The gradient's length: K (d + 1)(d + 2) / 2.</summary>
        public int ParameterCount => Alphas.Length + Means.Length + Icf.Length;

        public static GmmInput Read(string path)
        {
            NumberReader reader = new(path);
            int d = reader.Int();
            int k = reader.Int();
            int n = reader.Int();
            double[] alphas = reader.Doubles(k);
            double[] means = reader.Doubles(k * d);
            double[] icf = reader.Doubles(k * d * (d + 1) / 2);
            double[] x = reader.Doubles(n * d);
            double gamma = reader.Double();
            int m = reader.Int();
            return new GmmInput(d, k, n, alphas, means, icf, x, gamma, m);
        }

        public double Objective() => GmmObjective.Objective(Alphas, Means, Icf, X, D, K, N, WishartGamma, WishartM);

        /// <summary>The objective and its generated gradient in ADBench's layout (alphas, means, icf) written into <paramref name="gradient"/>.</summary>
        public double Gradient(System.Span<double> gradient)
        {
            int means = Alphas.Length;
            int icf = means + Means.Length;
            return GmmObjective.ObjectiveGradient(
                Alphas, Means, Icf, X, D, K, N, WishartGamma, WishartM,
                gradient.Slice(0, Alphas.Length), gradient.Slice(means, Means.Length), gradient.Slice(icf, Icf.Length));
        }
    }
}
