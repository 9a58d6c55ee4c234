#include "core/formats/concurrent_read.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace pixmark::formats {

namespace {

struct Event {
    bool isImage = false;
    std::int64_t key = 0;
    std::string text; ///< the image's reference, or the shape's category
    int width = 0;
    int height = 0;
    AnnotationKind kind = AnnotationKind::Tag;
    std::string geometry;
    std::optional<double> score;
};

using Chunk = std::vector<Event>;

constexpr std::size_t kChunkEvents = 4096;
constexpr std::size_t kChunksWaiting = 8;

// Thrown inside the reader's thread to unwind it when the writer has given up.
struct ReadingStopped {};

class ChunkQueue {
public:
    /// Producer side; throws ReadingStopped once the consumer has stopped.
    void push(Chunk chunk)
    {
        std::unique_lock lock(mMutex);
        mRoom.wait(lock, [&] { return mChunks.size() < kChunksWaiting || mStopped; });
        if (mStopped)
            throw ReadingStopped{};
        mChunks.push_back(std::move(chunk));
        mReady.notify_one();
    }
    void finish(std::exception_ptr failure)
    {
        std::lock_guard lock(mMutex);
        mFinished = true;
        mFailure = failure;
        mReady.notify_one();
    }
    /// Consumer side: the next chunk, or nothing once the producer finished and all was taken.
    std::optional<Chunk> pop()
    {
        std::unique_lock lock(mMutex);
        mReady.wait(lock, [&] { return !mChunks.empty() || mFinished; });
        if (mChunks.empty())
            return std::nullopt;
        Chunk chunk = std::move(mChunks.front());
        mChunks.pop_front();
        mRoom.notify_one();
        return chunk;
    }
    void stop()
    {
        std::lock_guard lock(mMutex);
        mStopped = true;
        mRoom.notify_all();
    }
    std::exception_ptr failure()
    {
        std::lock_guard lock(mMutex);
        return mFailure;
    }

private:
    std::mutex mMutex;
    std::condition_variable mReady;
    std::condition_variable mRoom;
    std::deque<Chunk> mChunks;
    bool mFinished = false;
    bool mStopped = false;
    std::exception_ptr mFailure;
};

class ChunkingSink : public ImportSink {
public:
    explicit ChunkingSink(ChunkQueue& queue) : mQueue(queue) { mChunk.reserve(kChunkEvents); }

    void image(std::int64_t key, const std::string& reference, int width, int height) override
    {
        Event& event = mChunk.emplace_back();
        event.isImage = true;
        event.key = key;
        event.text = reference;
        event.width = width;
        event.height = height;
        sendIfFull();
    }
    void shape(std::int64_t imageKey, const std::string& category, AnnotationKind kind, std::string geometry,
               std::optional<double> score) override
    {
        Event& event = mChunk.emplace_back();
        event.key = imageKey;
        event.text = category;
        event.kind = kind;
        event.geometry = std::move(geometry);
        event.score = score;
        sendIfFull();
    }
    void send()
    {
        if (mChunk.empty())
            return;
        mQueue.push(std::move(mChunk));
        mChunk = Chunk();
        mChunk.reserve(kChunkEvents);
    }

private:
    void sendIfFull()
    {
        if (mChunk.size() == kChunkEvents)
            send();
    }
    ChunkQueue& mQueue;
    Chunk mChunk;
};

} // namespace

void readConcurrently(const std::function<void(ImportSink&)>& read, ImportSink& target)
{
    ChunkQueue queue;
    std::thread reader([&] {
        std::exception_ptr failure;
        try {
            ChunkingSink sink(queue);
            read(sink);
            sink.send();
        } catch (const ReadingStopped&) {
        } catch (...) {
            failure = std::current_exception();
        }
        queue.finish(failure);
    });
    try {
        while (std::optional<Chunk> chunk = queue.pop()) {
            for (Event& event : *chunk) {
                if (event.isImage)
                    target.image(event.key, event.text, event.width, event.height);
                else
                    target.shape(event.key, event.text, event.kind, std::move(event.geometry), event.score);
            }
        }
    } catch (...) {
        queue.stop();
        reader.join();
        throw;
    }
    reader.join();
    if (const std::exception_ptr failure = queue.failure())
        std::rethrow_exception(failure);
}

} // namespace pixmark::formats
