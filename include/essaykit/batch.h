// essaykit/batch.h — many documents at once: files, folders and archives to JSON Lines.
//
//   essaykit::BatchOptions options;
//   options.threads = 4;
//   essaykit::BatchStats stats = essaykit::run_batch({"posts.tar.gz", "content/"}, options,
//       [&](std::string_view line) { out << line << '\n'; });
//
// Each input is a file, a folder (walked recursively, in name order), or an archive
// read as a stream without unpacking to disk: .tar, .tar.gz/.tgz, .tar.bz2, .tar.xz,
// .tar.zst, .zip — also inside folders and, to a bounded depth, inside archives.
// Every entry that passes the filters yields exactly one line, in input order
// whatever the number of threads:
//
//   {"path":"export.zip!posts/a.md","document":{…essaykit/document/v1…}}
//   {"path":"export.zip!posts/b.md","error":{"code":"binary","message":"…"}}
//
// Error codes: BatchErrorCode below. Nothing is silently dropped: an entry that passes
// the filters is either a document or an error line — a symbolic link included (links
// inside a folder are followed; one that leads out of it, back into a folder being
// walked, or nowhere gets an error line of its own), and so is a special file (a FIFO,
// a device) whose name passes the filters.
// Memory stays bounded: at most a few entries per thread are held at once.
#ifndef ESSAYKIT_BATCH_H
#define ESSAYKIT_BATCH_H

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "essaykit/analyze.h"
#include "essaykit/config.h"

ESSAYKIT_BEGIN_NAMESPACE

// Why an entry became an error line. The codes and their names (batch_error_code_name,
// the "code" of the line) are stable; new ones may be added at the end.
enum class BatchErrorCode {
  binary,           // the entry is binary data (see essaykit::is_binary)
  too_large,        // larger than BatchLimits::max_entry_bytes (or analyze()'s own limit)
  ratio_limit,      // expands more than BatchLimits::max_ratio times its compressed size
  depth_limit,      // nested deeper than BatchLimits::max_depth (folders and archives)
  unreadable,       // the file could not be opened or read (a broken link, a FIFO, an
                    // archive entry whose own data is damaged, …)
  corrupt_archive,  // the archive is damaged here: entries before the damage were read,
                    // this line stands for the rest of the archive (or, when the message
                    // says reading went on, for the damaged headers skipped)
  symlink,          // a link not followed: a symbolic link that leads out of the folder
                    // given or back into a folder being walked (a loop), or a link inside
                    // an archive (symbolic, or hard: its bytes are those of the entry it names)
  failed,           // analysing the entry threw (std::bad_alloc, say); the message says what
};

// "binary", "too_large", "ratio_limit", "depth_limit", "unreadable", "corrupt_archive",
// "symlink", "failed".
ESSAYKIT_API std::string_view batch_error_code_name(BatchErrorCode code);

// An error line's content.
struct BatchError {
  BatchErrorCode code = BatchErrorCode::unreadable;
  std::string message;  // for a person
};

// Limits, with defaults in brackets.
//   max_entry_bytes  (64 MiB)  larger entries become "too_large"
//   max_ratio        (100)     entries of compressed archives that expand more become "ratio_limit"
//                              (only past 1 MiB, so small files never trip it)
//   max_depth        (32)      folders and archives nested deeper become "depth_limit"
struct BatchLimits {
  std::size_t max_entry_bytes = std::size_t{64} << 20;
  double max_ratio = 100.0;
  std::size_t max_depth = 32;
};

struct BatchOptions {
  // Glob patterns (fnmatch, matched against the entry's path inside its folder or
  // archive, or its last part, in any case: "*.md" takes "POST.MD", as analyze reads
  // it). An entry is taken when it matches an include pattern (default: the formats
  // essaykit reads, *.md *.markdown *.mdown *.mkd *.mdx *.txt *.text *.html *.htm
  // *.xhtml, and files without an extension, their format sniffed as for a file named
  // alone, except inside a hidden folder such as .git/ and except links and what is no
  // regular file, which are passed over; a binary one gets its `binary` line, and makes
  // the CLI's exit status 1, so give patterns to read a repository's documents alone)
  // and no exclude pattern; an archive is read unless an exclude pattern matches it.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  BatchLimits limits;
  unsigned threads = 0;  // 0: one per core; more than 1024 are taken as 1024
  // Process only the entries whose output path hashes to shard `index` of `count`
  // (shard_of below), so that several machines split one corpus with no overlap and
  // no gap. Entries of other shards produce nothing.
  std::optional<std::pair<std::uint64_t, std::uint64_t>> shard;  // (index, count)
  // Output paths to skip, as when resuming an interrupted run. Each skips the first entry
  // with that path only: entries that share a path (an archive may hold a name twice) are
  // read after it.
  std::unordered_set<std::string> skip;
  Options analyze;  // format, sentences, claims; name is set per entry
};

struct BatchStats {
  std::size_t documents = 0;  // lines with a document
  std::size_t errors = 0;     // error lines
  std::size_t bytes = 0;      // bytes of the entries analysed
  double seconds = 0;
  // How far the reading has come through the inputs as given (compressed bytes for
  // archives), and their total size: 0 when unknown (a folder or standard input among
  // them). For a progress display's estimate of the time left.
  std::size_t input_done = 0;
  std::size_t input_total = 0;
};

// Called once per output line, in input order, from one thread at a time (not always
// the same one). The line has no trailing newline. A slow sink delays only the lines
// after it: workers go on analysing, up to the bound on entries held in memory.
using BatchSink = std::function<void(std::string_view line)>;
// Called now and then with the running totals (for a progress display), from one
// thread at a time; may be empty.
using BatchProgress = std::function<void(const BatchStats&)>;

// Runs the batch. Never throws for bad input: every problem is an error line, and an
// exception from analysing an entry makes a "failed" line. An exception thrown by the
// sink or the progress callback stops the batch (the entries in flight are dropped)
// and is rethrown here once every thread has stopped.
ESSAYKIT_API BatchStats run_batch(const std::vector<std::string>& inputs, const BatchOptions& options,
                                  const BatchSink& sink, const BatchProgress& progress = {});

// One entry of a batch, as run_batch_entries hands it over: the line run_batch would
// write for it, and what that line was made from.
struct BatchEntry {
  std::string path;                  // the output path (valid UTF-8), as in the line
  std::optional<Document> document;  // the entry's Document, when it was analysed
  std::optional<BatchError> error;   // why it was not, otherwise
  std::string input;                 // the bytes analysed, as read (empty for an error line):
                                     // spans point into them (into to_utf8(input) when
                                     // Source::encoding is not UTF-8)
  std::string line;                  // the line run_batch writes for this entry, no newline
};

// Called once per entry, in input order, from one thread at a time, as BatchSink is.
using BatchEntrySink = std::function<void(BatchEntry&& entry)>;

// run_batch, handing over each entry's Document and bytes with its line — for callers that
// want the model rather than JSON (the Python module). Same order, threads, limits, errors
// and memory bound as run_batch; the entries in flight hold their inputs and Documents.
ESSAYKIT_API BatchStats run_batch_entries(const std::vector<std::string>& inputs, const BatchOptions& options,
                                          const BatchEntrySink& sink, const BatchProgress& progress = {});

// Whether batch, walking a folder, would read a file at `path` (the path it shows),
// whose path inside the folder given is `inside` (empty: `path` itself): an archive no
// exclude pattern matches, or an entry the include and exclude patterns take, by either
// path. (The CLI asks it of its output, which must not be read while it is written.)
ESSAYKIT_API bool batch_reads_name(std::string_view path, const BatchOptions& options, std::string_view inside = {});

// The shard of an output path: FNV-1a 64-bit of its bytes, modulo `count`.
// (offset basis 14695981039346656037, prime 1099511628211)
ESSAYKIT_API std::uint64_t shard_of(std::string_view path, std::uint64_t count);

// The "path" of a line written by run_batch, or nullopt if the line is not one.
ESSAYKIT_API std::optional<std::string> batch_line_path(std::string_view line);

// The error of an error line written by run_batch, or nullopt for a document line or
// a line that is not one of run_batch's.
ESSAYKIT_API std::optional<BatchError> batch_line_error(std::string_view line);

ESSAYKIT_END_NAMESPACE

#endif
