using System;
using SymGrad;

namespace SymGrad.Models.AdBench
{
    /// <summary>
    /// ADBench's diagonal LSTM objective (`lstm_objective`): l layers over c characters of b bits, all
    /// weights diagonal. See /work/shared/adbench/README.md.
    /// </summary>
    public static partial class LstmObjective
    {
        /// <summary>
        /// The loss for main_params (2l rows of 4b: per layer the weights W_f, W_i, W_o, W_c, then the
        /// biases), extra_params (w_in, w_out, b_out), the initial state (per layer h, then cell) and the
        /// 0/1 sequence (c by b).
        /// </summary>
        [Differentiable]
        public static double Objective(double[] mainParams, double[] extraParams, [NoDerivative] double[] state, [NoDerivative] double[] sequence, int l, int c, int b)
        {
            double[] s = new double[2 * l * b];
            for (int i = 0; i < 2 * l * b; i++)
            {
                s[i] = state[i];
            }

            double[] z = new double[b];
            double[] y = new double[b];
            double total = 0.0;
            int count = 0;
            for (int t = 0; t < c - 1; t++)
            {
                for (int i = 0; i < b; i++)
                {
                    z[i] = sequence[t * b + i] * extraParams[i];
                }

                for (int layer = 0; layer < l; layer++)
                {
                    int weights = 8 * b * layer;
                    int biases = weights + 4 * b;
                    int hidden = 2 * b * layer;
                    int cell = hidden + b;
                    for (int i = 0; i < b; i++)
                    {
                        double forget = SymMath.Sigmoid(z[i] * mainParams[weights + i] + mainParams[biases + i]);
                        double input = SymMath.Sigmoid(s[hidden + i] * mainParams[weights + b + i] + mainParams[biases + b + i]);
                        double output = SymMath.Sigmoid(z[i] * mainParams[weights + 2 * b + i] + mainParams[biases + 2 * b + i]);
                        double change = Math.Tanh(s[hidden + i] * mainParams[weights + 3 * b + i] + mainParams[biases + 3 * b + i]);
                        s[cell + i] = s[cell + i] * forget + input * change;
                        s[hidden + i] = output * Math.Tanh(s[cell + i]);
                    }

                    for (int i = 0; i < b; i++)
                    {
                        z[i] = s[hidden + i];
                    }
                }

                for (int i = 0; i < b; i++)
                {
                    y[i] = z[i] * extraParams[b + i] + extraParams[2 * b + i];
                }

                // ADBench's log-sum-exp here has no max shift and adds 2.
                double sumExp = 0.0;
                for (int i = 0; i < b; i++)
                {
                    sumExp += Math.Exp(y[i]);
                }

                double lse = Math.Log(sumExp + 2.0);
                for (int i = 0; i < b; i++)
                {
                    total += sequence[(t + 1) * b + i] * (y[i] - lse);
                }

                count += b;
            }

            return -total / count;
        }
    }
}
