#pragma once
// Box geometry in tensor ops, on any device: pairwise IoU and greedy non-maximum suppression
// (class-aware), with no per-box loop on the host. Boxes are float [N, 4] as (x1, y1, x2, y2)
// corners in pixels, x2 >= x1 and y2 >= y1.

#include <ATen/core/Tensor.h>

namespace pixmark::ml {

/// Intersection over union of every box in `a` [N, 4] with every box in `b` [M, 4]: [N, M].
/// Empty boxes have IoU 0 with everything (never NaN).
at::Tensor boxIou(const at::Tensor& a, const at::Tensor& b);

/// Greedy NMS: walks the boxes from the highest score down and drops every box whose IoU with
/// an already kept box of the same class is above `iouThreshold`. `classes` is int64 [N], or
/// undefined to ignore classes. Returns the int64 indices of the kept boxes into `boxes`, by
/// decreasing score (ties keep the original order). Exactly the sequential result, computed as
/// a fixed point of matrix-vector steps.
at::Tensor nonMaximumSuppression(const at::Tensor& boxes, const at::Tensor& scores, const at::Tensor& classes,
                                 double iouThreshold);

} // namespace pixmark::ml
