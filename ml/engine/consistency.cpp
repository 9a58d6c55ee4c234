#include "ml/engine/consistency.h"

#include <algorithm>

namespace pixmark::ml {

UnlabeledCycle::UnlabeledCycle(std::vector<std::int64_t> records, unsigned seed)
    : mRecords(std::move(records)), mRng(seed)
{
    std::shuffle(mRecords.begin(), mRecords.end(), mRng);
}

std::vector<std::int64_t> UnlabeledCycle::next(std::size_t count)
{
    std::vector<std::int64_t> out;
    if (mRecords.empty())
        return out;
    out.reserve(count);
    while (out.size() < count) {
        if (mPosition == mRecords.size()) {
            std::shuffle(mRecords.begin(), mRecords.end(), mRng);
            mPosition = 0;
        }
        const std::size_t take = std::min(count - out.size(), mRecords.size() - mPosition);
        out.insert(out.end(), mRecords.begin() + static_cast<std::ptrdiff_t>(mPosition),
                   mRecords.begin() + static_cast<std::ptrdiff_t>(mPosition + take));
        mPosition += take;
    }
    return out;
}

} // namespace pixmark::ml
