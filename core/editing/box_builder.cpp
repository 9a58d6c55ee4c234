#include "core/editing/box_builder.h"

#include <algorithm>
#include <cmath>

namespace pixmark::editing {

BoxBuilder::BoxBuilder(int imageWidth, int imageHeight) : mWidth(imageWidth), mHeight(imageHeight) {}

ImagePoint BoxBuilder::snap(ImagePoint point) const
{
    return ImagePoint{std::clamp(std::round(point.x), 0.0, static_cast<double>(mWidth)),
                      std::clamp(std::round(point.y), 0.0, static_cast<double>(mHeight))};
}

std::optional<Box> BoxBuilder::press(ImagePoint point)
{
    if (mState == State::ClickClick)
        return finish(point);
    mState = State::Dragging;
    mPressAt = point;
    mAnchor = snap(point);
    mCurrent = mAnchor;
    return std::nullopt;
}

void BoxBuilder::move(ImagePoint point)
{
    if (mState != State::Idle)
        mCurrent = snap(point);
}

std::optional<Box> BoxBuilder::release(ImagePoint point)
{
    if (mState != State::Dragging)
        return std::nullopt;
    if (std::hypot(point.x - mPressAt.x, point.y - mPressAt.y) < mClickTolerance) {
        mState = State::ClickClick;
        mCurrent = mAnchor;
        return std::nullopt;
    }
    return finish(point);
}

std::optional<Box> BoxBuilder::finish(ImagePoint point)
{
    mCurrent = snap(point);
    const bool keep = draftIsBigEnough();
    const Box box = draft();
    cancel();
    if (!keep)
        return std::nullopt;
    return box;
}

void BoxBuilder::cancel()
{
    mState = State::Idle;
    mAnchor = mCurrent = mPressAt = ImagePoint{};
}

Box BoxBuilder::draft() const
{
    return mState == State::Idle ? Box{} : boxBetween(mAnchor, mCurrent);
}

bool BoxBuilder::draftIsBigEnough() const
{
    const Box box = draft();
    return mState != State::Idle && box.w >= mMinimumSize && box.h >= mMinimumSize;
}

Box boxBetween(ImagePoint a, ImagePoint b)
{
    return Box{std::min(a.x, b.x), std::min(a.y, b.y), std::abs(b.x - a.x), std::abs(b.y - a.y)};
}

} // namespace pixmark::editing
