#include "ml/engine/box_ops.h"

#include "ml/engine/errors.h"

#include <torch/torch.h>

namespace pixmark::ml {

at::Tensor boxIou(const at::Tensor& a, const at::Tensor& b)
{
    if (a.dim() != 2 || a.size(1) != 4 || b.dim() != 2 || b.size(1) != 4)
        throw InvalidInputError("Boxes must be [N, 4] tensors of (x1, y1, x2, y2).");
    const auto x = a.to(torch::kFloat32);
    const auto y = b.to(torch::kFloat32);
    const auto areaA = ((x.select(1, 2) - x.select(1, 0)).clamp_min(0) * (x.select(1, 3) - x.select(1, 1)).clamp_min(0));
    const auto areaB = ((y.select(1, 2) - y.select(1, 0)).clamp_min(0) * (y.select(1, 3) - y.select(1, 1)).clamp_min(0));
    const auto topLeft = torch::max(x.slice(1, 0, 2).unsqueeze(1), y.slice(1, 0, 2).unsqueeze(0));
    const auto bottomRight = torch::min(x.slice(1, 2, 4).unsqueeze(1), y.slice(1, 2, 4).unsqueeze(0));
    const auto wh = (bottomRight - topLeft).clamp_min(0);
    const auto inter = wh.select(2, 0) * wh.select(2, 1);
    const auto uni = areaA.unsqueeze(1) + areaB.unsqueeze(0) - inter;
    return torch::where(uni > 0, inter / uni.clamp_min(1e-12), torch::zeros_like(inter));
}

at::Tensor nonMaximumSuppression(const at::Tensor& boxes, const at::Tensor& scores, const at::Tensor& classes,
                                 double iouThreshold)
{
    const auto n = boxes.size(0);
    if (scores.dim() != 1 || scores.size(0) != n || (classes.defined() && classes.numel() != n))
        throw InvalidInputError("NMS needs one score (and one class) per box.");
    if (n == 0)
        return torch::empty({0}, boxes.options().dtype(torch::kInt64));
    const auto order = std::get<1>(scores.sort(/*stable=*/true, /*dim=*/0, /*descending=*/true));
    const auto sorted = boxes.index_select(0, order);
    // overlaps[i][j]: box i ranks above box j and would suppress it.
    auto overlaps = boxIou(sorted, sorted) > iouThreshold;
    overlaps = overlaps.triu(1);
    if (classes.defined()) {
        const auto c = classes.index_select(0, order);
        overlaps = overlaps & c.unsqueeze(1).eq(c.unsqueeze(0));
    }
    // keep[j] = no kept box above j overlaps it. Iterating from "keep all" fixes the decision of
    // one more box per step in rank order (a box depends only on those above it), so it reaches
    // the greedy result in at most n steps and in practice in the length of the longest chain.
    const auto m = overlaps.to(torch::kFloat32);
    auto keep = torch::ones({n}, m.options());
    for (std::int64_t step = 0; step < n; ++step) {
        const auto next = (torch::matmul(keep.unsqueeze(0), m).squeeze(0) < 0.5).to(torch::kFloat32);
        if (torch::equal(next, keep))
            break;
        keep = next;
    }
    return order.index_select(0, keep.nonzero().squeeze(1));
}

} // namespace pixmark::ml
