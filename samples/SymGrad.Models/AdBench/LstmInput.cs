namespace SymGrad.Models.AdBench
{
    /// <summary>One ADBench LSTM input file: `l c b`, main_params, extra_params, state, sequence.</summary>
    public sealed class LstmInput
    {
        private LstmInput(int l, int c, int b, double[] mainParams, double[] extraParams, double[] state, double[] sequence)
        {
            L = l;
            C = c;
            B = b;
            MainParams = mainParams;
            ExtraParams = extraParams;
            State = state;
            Sequence = sequence;
        }

        public int L { get; }

        public int C { get; }

        public int B { get; }

        public double[] MainParams { get; }

        public double[] ExtraParams { get; }

        public double[] State { get; }

        public double[] Sequence { get; }

        /// <summary>The gradient's length: main_params then extra_params.</summary>
        public int ParameterCount => MainParams.Length + ExtraParams.Length;

        public static LstmInput Read(string path)
        {
            NumberReader reader = new(path);
            int l = reader.Int();
            int c = reader.Int();
            int b = reader.Int();
            double[] main = reader.Doubles(2 * l * 4 * b);
            double[] extra = reader.Doubles(3 * b);
            double[] state = reader.Doubles(2 * l * b);
            double[] sequence = reader.Doubles(c * b);
            return new LstmInput(l, c, b, main, extra, state, sequence);
        }

        public double Objective() => LstmObjective.Objective(MainParams, ExtraParams, State, Sequence, L, C, B);

        /// <summary>The objective and its generated gradient in ADBench's layout (main, then extra parameters) written into <paramref name="gradient"/>.</summary>
        public double Gradient(System.Span<double> gradient) =>
            LstmObjective.ObjectiveGradient(
                MainParams, ExtraParams, State, Sequence, L, C, B,
                gradient.Slice(0, MainParams.Length), gradient.Slice(MainParams.Length, ExtraParams.Length));
    }
}
