using System;
using SymGrad;

namespace SymGrad.Models.AdBench
{
    /// <summary>
    /// ADBench's bundle-adjustment residuals (microsoft/ADBench, src/cpp/shared/ba.h, commit 38cb793):
    /// one observation's reprojection error and its Zach weight error, written as vector-valued
    /// differentiable methods (one Span output each) so the generator writes each residual's Jacobian block
    /// (<c>ReprojectionResidualJacobian</c>, <c>WeightResidualJacobian</c>); <c>BaSparseJacobian</c>
    /// assembles those blocks into ADBench's sparse Jacobian.
    /// </summary>
    /// <remarks>
    /// The camera is ADBench's 11 parameters [r1 r2 r3 C1 C2 C3 f u0 v0 k1 k2]: an angle-axis (Rodrigues)
    /// rotation, the camera centre, the focal length, the principal point and two radial distortion
    /// coefficients. The math is ba.h's, step by step: Xcam = R (X - C); p = Xcam[0..1] / Xcam[2];
    /// p *= 1 + k1 |p|^2 + k2 |p|^4; proj = p f + (u0, v0); err = w (proj - feature). ba.h's local
    /// 3-vectors are spelled out as scalars here so a call allocates nothing.
    /// </remarks>
    public static partial class BaObjective
    {
        /// <summary>Camera parameters per camera (ADBench's BA_NCAMPARAMS).</summary>
        public const int CameraParameters = 11;

        /// <summary>
        /// One observation's two residuals: the weighted difference between the projection of
        /// <paramref name="point"/> (3) through <paramref name="camera"/> (11) and the observed
        /// <paramref name="feature"/> (2), written into <paramref name="error"/> (2). The generated
        /// Jacobian's 15 columns are the camera's 11 parameters, the point's 3 and the weight: the
        /// order of one row of ADBench's sparse Jacobian.
        /// </summary>
        [Differentiable]
        public static void ReprojectionResidual(
            ReadOnlySpan<double> camera, ReadOnlySpan<double> point, double weight, [NoDerivative] ReadOnlySpan<double> feature, Span<double> error)
        {
            // Xo = X - C (ba.h `project`).
            double x = point[0] - camera[3];
            double y = point[1] - camera[4];
            double z = point[2] - camera[5];

            // Xcam = R Xo by Rodrigues' formula (ba.h `rodrigues_rotate_point`), with ba.h's first-order
            // form R Xo = Xo + r x Xo when the rotation vector is exactly zero.
            double r0 = camera[0];
            double r1 = camera[1];
            double r2 = camera[2];
            double squaredAngle = r0 * r0 + r1 * r1 + r2 * r2;
            double xCamera = 0.0;
            double yCamera = 0.0;
            double zCamera = 0.0;
            if (squaredAngle != 0.0)
            {
                double angle = Math.Sqrt(squaredAngle);
                double cosine = Math.Cos(angle);
                double sine = Math.Sin(angle);
                double inverseAngle = 1.0 / angle;
                double w0 = r0 * inverseAngle;
                double w1 = r1 * inverseAngle;
                double w2 = r2 * inverseAngle;
                double cross0 = w1 * z - w2 * y;
                double cross1 = w2 * x - w0 * z;
                double cross2 = w0 * y - w1 * x;
                double along = (w0 * x + w1 * y + w2 * z) * (1.0 - cosine);
                xCamera = x * cosine + cross0 * sine + w0 * along;
                yCamera = y * cosine + cross1 * sine + w1 * along;
                zCamera = z * cosine + cross2 * sine + w2 * along;
            }
            else
            {
                xCamera = x + (r1 * z - r2 * y);
                yCamera = y + (r2 * x - r0 * z);
                zCamera = z + (r0 * y - r1 * x);
            }

            // Perspective division, then radial distortion (ba.h `radial_distort`).
            double u = xCamera / zCamera;
            double v = yCamera / zCamera;
            double squaredRadius = u * u + v * v;
            double distortion = 1.0 + camera[9] * squaredRadius + camera[10] * squaredRadius * squaredRadius;
            u = u * distortion;
            v = v * distortion;

            // Focal length and principal point, then the weighted error (ba.h `computeReprojError`).
            error[0] = weight * (u * camera[6] + camera[7] - feature[0]);
            error[1] = weight * (v * camera[6] + camera[8] - feature[1]);
        }

        /// <summary>Zach's weight residual 1 - w^2 (ba.h `computeZachWeightError`), written into <paramref name="error"/> (1).</summary>
        [Differentiable]
        public static void WeightResidual(double weight, Span<double> error)
        {
            error[0] = 1.0 - weight * weight;
        }
    }
}
