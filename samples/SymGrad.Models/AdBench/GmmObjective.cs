using System;
using SymGrad;

namespace SymGrad.Models.AdBench
{
    /// <summary>
    /// ADBench's GMM objective: the negative log-likelihood of a Gaussian mixture with a Wishart prior
    /// on the inverse covariances, exactly as ADBench's C++ `gmm_objective` computes it (same terms,
    /// same order, ADBench's PI). See /work/shared/adbench/README.md.
    /// </summary>
    public static partial class GmmObjective
    {
        /// <summary>ADBench's value of PI (differs from Math.PI below 1e-13 relative).</summary>
        private const double AdBenchPi = 3.14159265359;

        /// <summary>
        /// F for alphas (k), means (k by d), icf (k by d(d+1)/2: q then the strictly lower part of L
        /// column by column) over the points x (n by d), with the Wishart prior's gamma and m.
        /// </summary>
        [Differentiable(Tangent = true, Hessian = true)]
        public static double Objective(
            double[] alphas, double[] means, double[] icf, [NoDerivative] double[] x, int d, int k, int n, [NoDerivative] double wishartGamma, int wishartM)
        {
            int icfSize = d * (d + 1) / 2;
            double[] sumQs = new double[k];
            double[] qDiagonals = new double[k * d];
            for (int ik = 0; ik < k; ik++)
            {
                double sum = 0.0;
                for (int j = 0; j < d; j++)
                {
                    double q = icf[ik * icfSize + j];
                    sum += q;
                    qDiagonals[ik * d + j] = Math.Exp(q);
                }

                sumQs[ik] = sum;
            }

            double[] centered = new double[d];
            double[] qTimesCentered = new double[d];
            double[] mainTerm = new double[k];
            double sumOfLogSumExp = 0.0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int j = 0; j < d; j++)
                    {
                        centered[j] = x[ix * d + j] - means[ik * d + j];
                    }

                    // Q (x - mu): the diagonal exp(q), then the strictly lower part stored column by column.
                    for (int j = 0; j < d; j++)
                    {
                        qTimesCentered[j] = qDiagonals[ik * d + j] * centered[j];
                    }

                    int lIndex = ik * icfSize + d;
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++)
                        {
                            qTimesCentered[j] = qTimesCentered[j] + icf[lIndex] * centered[i];
                            lIndex++;
                        }
                    }

                    double squaredNorm = 0.0;
                    for (int j = 0; j < d; j++)
                    {
                        squaredNorm += qTimesCentered[j] * qTimesCentered[j];
                    }

                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * squaredNorm;
                }

                double maxTerm = mainTerm[0];
                for (int ik = 1; ik < k; ik++)
                {
                    maxTerm = Math.Max(maxTerm, mainTerm[ik]);
                }

                double sumExp = 0.0;
                for (int ik = 0; ik < k; ik++)
                {
                    sumExp += Math.Exp(mainTerm[ik] - maxTerm);
                }

                sumOfLogSumExp = sumOfLogSumExp + (Math.Log(sumExp) + maxTerm);
            }

            double maxAlpha = alphas[0];
            for (int ik = 1; ik < k; ik++)
            {
                maxAlpha = Math.Max(maxAlpha, alphas[ik]);
            }

            double sumExpAlpha = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                sumExpAlpha += Math.Exp(alphas[ik] - maxAlpha);
            }

            double logSumExpAlphas = Math.Log(sumExpAlpha) + maxAlpha;
            double constant = -n * d * 0.5 * Math.Log(2 * AdBenchPi);
            double error = constant + sumOfLogSumExp - n * logSumExpAlphas;

            // The Wishart prior. logGamma_d(nw / 2) = d(d-1)/4 log(PI) + sum_{j=1..d} lgamma((nw + 1 - j) / 2):
            // every lgamma argument t/2 (t = nw + 1 - j) is an integer or a half-integer, so it is summed
            // exactly: lgamma(t/2) = sum_{i=1}^{t/2-1} log i for even t, and
            // 0.5 log(pi) + sum_{i=0}^{(t-1)/2-1} log(i + 1/2) for odd t (Gamma(1/2) = sqrt(pi), Gamma(x+1) = x Gamma(x)).
            int nw = d + wishartM + 1;
            double logGammaD = 0.25 * d * (d - 1) * Math.Log(AdBenchPi);
            for (int j = 1; j <= d; j++)
            {
                int twice = nw + 1 - j;
                if (twice % 2 == 0)
                {
                    for (int i = 1; i < twice / 2; i++)
                    {
                        logGammaD += Math.Log(i);
                    }
                }
                else
                {
                    logGammaD += 0.5 * Math.Log(Math.PI);
                    for (int i = 0; i < (twice - 1) / 2; i++)
                    {
                        logGammaD += Math.Log(i + 0.5);
                    }
                }
            }

            double c = nw * d * (Math.Log(wishartGamma) - 0.5 * Math.Log(2)) - logGammaD;
            double prior = 0.0;
            for (int ik = 0; ik < k; ik++)
            {
                double frobenius = 0.0;
                for (int j = 0; j < d; j++)
                {
                    frobenius += qDiagonals[ik * d + j] * qDiagonals[ik * d + j];
                }

                for (int j = d; j < icfSize; j++)
                {
                    frobenius += icf[ik * icfSize + j] * icf[ik * icfSize + j];
                }

                prior = prior + 0.5 * wishartGamma * wishartGamma * frobenius - wishartM * sumQs[ik];
            }

            return error + (prior - k * c);
        }
    }
}
