// essaykit._essaykit — the Python module over the public API (include/essaykit/ only).
//
// A Document keeps the C++ essaykit::Document and the bytes its spans point into, so
// attribute access reads the C++ fields in place (elements are references kept alive by
// their Document), to_json() is the library's own writer (the CLI's bytes), and text()
// slices the input. The exception classes live in essaykit/_errors.py; this module raises
// them. analyze() and batch() release the GIL while C++ works.
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#if defined(__unix__)
#include <unistd.h>  // pause
#endif

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <essaykit/essaykit.h>

namespace py = pybind11;

namespace {

// Takes the GIL back for a thread that released it. A daemon thread that comes back while
// the interpreter finalizes is ended inside PyEval_RestoreThread with pthread_exit, a forced
// unwind up the thread's stack. Unwound, the stack is not ours to unwind: taken back in
// py::gil_scoped_release's destructor (noexcept) the unwind is std::terminate, and past it
// pybind11's dispatcher drops its references without the GIL, a fatal error — either way
// the process aborts as it exits. So the thread stops here and waits for the process to
// end, as CPython 3.14 itself makes such threads wait (PyThread_hang_thread).
// (glibc's pthread_exit is the forced unwind, whichever C++ library catches it: caught
// by `...`, as PyEval_RestoreThread throws nothing else.)
void restore_gil(PyThreadState* state) {
#if defined(__GLIBC__)
  try {
    PyEval_RestoreThread(state);
  } catch (...) {
    for (;;) pause();  // (never leaves: a forced unwind caught must not end)
  }
#else
  PyEval_RestoreThread(state);
#endif
}

// Runs f with the GIL released, and takes it back in the normal flow, not in a destructor
// (see restore_gil).
template <class F>
void without_gil(F&& f) {
  PyThreadState* state = PyEval_SaveThread();
  try {
    f();
  } catch (...) {
    restore_gil(state);
    throw;
  }
  restore_gil(state);
}

// The Python face of a Document: the model, and the bytes its spans point into (the
// UTF-8 form for an input transcoded from UTF-16 or UTF-32).
struct PyDocument {
  essaykit::Document doc;
  std::string input;
};

std::string_view claim_kind_name(essaykit::ClaimKind k) {
  return k == essaykit::ClaimKind::thesis ? "thesis" : "claim";
}
std::string_view severity_name(essaykit::Severity s) {
  return s == essaykit::Severity::error ? "error" : "warning";
}

essaykit::Format parse_format(const std::string& format) {
  if (format == "auto") return essaykit::Format::automatic;
  if (format == "markdown") return essaykit::Format::markdown;
  if (format == "text") return essaykit::Format::text;
  if (format == "html") return essaykit::Format::html;
  throw py::value_error("format must be \"auto\", \"markdown\", \"text\" or \"html\", not \"" + format + "\"");
}

// Text as Python reads it: UTF-8, an invalid byte as U+FFFD (spans may cut anywhere).
py::str decode(std::string_view bytes) {
  PyObject* s = PyUnicode_DecodeUTF8(bytes.data(), static_cast<Py_ssize_t>(bytes.size()), "replace");
  if (!s) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

// The bytes spans point into, for an input as given.
std::string span_bytes(std::string input) {
  if (std::optional<std::string> utf8 = essaykit::to_utf8(input)) return std::move(*utf8);
  return input;
}

// The exception classes of essaykit/_errors.py, by code name.
py::object error_class(std::string_view code) {
  py::module_ errors = py::module_::import("essaykit._errors");
  return errors.attr("error_class")(py::str(code.data(), code.size()));
}
py::object make_error(std::string_view code, const std::string& message, std::optional<std::string> path) {
  py::object cls = error_class(code);
  return cls(decode(message), py::arg("path") = path ? py::object(decode(*path)) : py::object(py::none()));
}
[[noreturn]] void raise(std::string_view code, const std::string& message, std::optional<std::string> path) {
  py::object e = make_error(code, message, std::move(path));
  PyErr_SetObject(e.get_type().ptr(), e.ptr());
  throw py::error_already_set();
}

// The bytes of a str (UTF-8) or of a bytes-like object; `function` names the caller in
// the error for anything else.
std::string input_bytes(const py::object& text, std::string_view function) {
  if (py::isinstance<py::str>(text)) {
    Py_ssize_t n = 0;
    const char* p = PyUnicode_AsUTF8AndSize(text.ptr(), &n);
    if (!p) throw py::error_already_set();  // lone surrogates
    return std::string(p, static_cast<std::size_t>(n));
  }
  if (py::isinstance<py::bytes>(text)) return std::string(py::reinterpret_borrow<py::bytes>(text));
  if (PyObject_CheckBuffer(text.ptr())) {
    // The view's own bytes, in order, as bytes(view) gives them: a strided or reversed
    // view (memoryview(b)[::-1]) does not lie in one run from its pointer.
    Py_buffer view;
    if (PyObject_GetBuffer(text.ptr(), &view, PyBUF_FULL_RO) != 0) throw py::error_already_set();
    std::string out(static_cast<std::size_t>(view.len), '\0');
    const int copied = PyBuffer_ToContiguous(out.data(), &view, view.len, 'C');
    PyBuffer_Release(&view);
    if (copied != 0) throw py::error_already_set();
    return out;
  }
  throw py::type_error(std::string(function) + "() takes str or bytes, not " +
                       std::string(py::str(text.get_type().attr("__name__"))));
}

essaykit::Options make_options(const std::string& format, const std::optional<std::string>& name, bool sentences,
                               bool claims) {
  essaykit::Options o;
  o.format = parse_format(format);
  if (name) o.name = *name;
  o.sentences = sentences;
  o.claims = claims;
  return o;
}

PyDocument py_analyze(const py::object& text, const std::string& format, const std::optional<std::string>& name,
                   bool sentences, bool claims) {
  const essaykit::Options options = make_options(format, name, sentences, claims);
  std::string input = input_bytes(text, "analyze");
  std::optional<essaykit::Result> r;
  without_gil([&] {
    r.emplace(essaykit::analyze(input, options));
    if (*r) input = span_bytes(std::move(input));
  });
  if (!*r) raise(essaykit::error_code_name(r->error().code), r->error().message, name);
  return PyDocument{std::move(*r).document(), std::move(input)};
}

// A path as open() takes it: str, bytes or os.PathLike, through os.fsencode, so that a
// pathlib.Path and a name os.listdir() gives for bytes that are not UTF-8 ("caf\udce9.md")
// both name their file.
std::string path_bytes(const py::object& path) {
  return std::string(py::module_::import("os").attr("fsencode")(path).cast<py::bytes>());
}

PyDocument py_analyze_file(const py::object& path_object, const std::string& format, bool sentences, bool claims) {
  const std::string path = path_bytes(path_object);
  if (path.find('\0') != std::string::npos) throw py::value_error("embedded null byte");  // (as open() says)
  const essaykit::Options options = make_options(format, path, sentences, claims);
  essaykit::FileBytes file;
  std::optional<essaykit::Result> r;
  without_gil([&] {
    file = essaykit::read_file(path);
    if (file) {
      r.emplace(essaykit::analyze(file.bytes, options));
      if (*r) file.bytes = span_bytes(std::move(file.bytes));
    }
  });
  if (!file) raise("unreadable", file.error, path);
  if (!*r) raise(essaykit::error_code_name(r->error().code), r->error().message, path);
  return PyDocument{std::move(*r).document(), std::move(file.bytes)};
}

// The span of a Span, or of an element that has one (a Section, a Claim, a Title, …).
essaykit::Span span_of(const py::handle& x) {
  if (py::isinstance<essaykit::Span>(x)) return x.cast<essaykit::Span>();
  if (py::hasattr(x, "span")) return x.attr("span").cast<essaykit::Span>();
  if (py::isinstance<essaykit::Footnote>(x)) {
    const auto& f = x.cast<const essaykit::Footnote&>();
    if (!f.body)  // a reference without a body: a Footnote, with no span to slice
      throw py::value_error("text(): footnote '" + f.label + "' has no body (a reference without one); its refs have spans");
    return *f.body;
  }
  if (py::hasattr(x, "body") && !x.attr("body").is_none()) return x.attr("body").cast<essaykit::Span>();
  throw py::type_error("text() takes a Span or an element with a span");
}

// ---------------------------------------------------------------------------
// batch(): run_batch_entries on a thread of its own, handing entries to the Python
// iterator through a small queue. The iterator waits with the GIL released.

struct Cancelled {};

class BatchIterator {
 public:
  BatchIterator(std::vector<std::string> inputs, essaykit::BatchOptions options, bool with_lines)
      : state_(std::make_shared<State>()), with_lines_(with_lines) {
    const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    state_->room = 2 * static_cast<std::size_t>(threads) + 2;
    std::shared_ptr<State> st = state_;
    thread_ = std::thread([st, inputs = std::move(inputs), options = std::move(options)] {
      try {
        essaykit::run_batch_entries(inputs, options, [&](essaykit::BatchEntry&& e) {
          std::unique_lock<std::mutex> lock(st->m);
          st->cv.wait(lock, [&] { return st->queue.size() < st->room || st->cancelled; });
          if (st->cancelled) throw Cancelled{};
          st->queue.push_back(std::move(e));
          st->cv.notify_all();
        });
      } catch (const Cancelled&) {
      } catch (...) {
        std::lock_guard<std::mutex> lock(st->m);
        st->failure = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(st->m);
      st->finished = true;
      st->cv.notify_all();
    });
  }
  BatchIterator(const BatchIterator&) = delete;
  BatchIterator& operator=(const BatchIterator&) = delete;
  ~BatchIterator() { close(); }

  py::object next() {
    // Entries are taken from the shared queue all at once, so that the thread handoff (a
    // lock, a wake-up, the GIL released and taken back) is paid once per refill, not per entry.
    if (taken_.empty()) {
      std::exception_ptr failure;
      std::deque<essaykit::BatchEntry> got;  // taken_ is touched only with the GIL held
      // (Waited for in slices, the signals checked between them: Ctrl-C raises
      // KeyboardInterrupt at once, not once an entry is ready, which for a large one was
      // the whole of its analysis.)
      for (bool ready = false; !ready;) {
        without_gil([&] {
          std::unique_lock<std::mutex> lock(state_->m);
          ready = state_->cv.wait_for(lock, std::chrono::milliseconds(100),
                                      [&] { return !state_->queue.empty() || state_->finished; });
          if (!ready) return;
          if (!state_->queue.empty()) {
            got.swap(state_->queue);
            state_->cv.notify_all();
          } else {
            failure = std::exchange(state_->failure, nullptr);
          }
        });
        if (!ready && PyErr_CheckSignals() != 0) throw py::error_already_set();
      }
      for (essaykit::BatchEntry& x : got) taken_.push_back(std::move(x));
      if (taken_.empty()) {
        if (failure) std::rethrow_exception(failure);
        throw py::stop_iteration();
      }
    }
    std::optional<essaykit::BatchEntry> e(std::move(taken_.front()));
    taken_.pop_front();
    py::object path = decode(e->path);
    py::object value;
    if (e->document) {
      std::string input = span_bytes(std::move(e->input));
      value = py::cast(PyDocument{std::move(*e->document), std::move(input)});
    } else {
      const essaykit::BatchError& err = *e->error;
      value = make_error(essaykit::batch_error_code_name(err.code), err.message, e->path);
    }
    if (with_lines_) return py::make_tuple(path, value, decode(e->line));
    return py::make_tuple(path, value);
  }

  // Stops the batch (the entries in flight are dropped) and waits for its thread. Threads
  // may close one iterator at once: the first takes the thread to join (with the GIL held,
  // so no other sees it joinable), the others wait for the batch to finish. (Two joins of
  // one thread are undefined: glibc's waited forever.)
  void close() {
    {
      std::lock_guard<std::mutex> lock(state_->m);
      state_->cancelled = true;
      state_->queue.clear();
      state_->cv.notify_all();
    }
    taken_.clear();
    std::thread thread = std::move(thread_);
    const std::shared_ptr<State> st = state_;
    auto wait = [&] {
      if (thread.joinable()) {
        thread.join();
      } else {
        std::unique_lock<std::mutex> lock(st->m);
        st->cv.wait(lock, [&] { return st->finished; });
      }
    };
    if (PyGILState_Check()) {
      without_gil(wait);
    } else {
      wait();
    }
  }

 private:
  struct State {
    std::mutex m;
    std::condition_variable cv;
    std::deque<essaykit::BatchEntry> queue;
    std::size_t room = 4;
    bool cancelled = false;
    bool finished = false;
    std::exception_ptr failure;
  };
  std::shared_ptr<State> state_;
  std::deque<essaykit::BatchEntry> taken_;  // entries taken from the queue, not yet returned
  std::thread thread_;
  bool with_lines_;
};

std::vector<std::string> batch_inputs(const py::object& paths) {
  std::vector<std::string> inputs;
  if (py::isinstance<py::str>(paths) || py::isinstance<py::bytes>(paths) || py::hasattr(paths, "__fspath__"))
    throw py::type_error("batch() takes a list of paths, not one path: batch([path])");
  py::object fspath = py::module_::import("os").attr("fsencode");
  for (py::handle p : paths) inputs.push_back(std::string(fspath(p).cast<py::bytes>()));
  return inputs;
}

std::unique_ptr<BatchIterator> py_batch(const py::object& paths, unsigned jobs, const std::string& format, bool sentences,
                                     bool claims, std::vector<std::string> include, std::vector<std::string> exclude,
                                     std::optional<std::pair<std::uint64_t, std::uint64_t>> shard,
                                     std::optional<std::size_t> max_entry_bytes, bool with_lines) {
  essaykit::BatchOptions o;
  o.threads = jobs;
  o.analyze = make_options(format, std::nullopt, sentences, claims);
  o.include = std::move(include);
  o.exclude = std::move(exclude);
  if (shard) {
    if (shard->second == 0 || shard->first >= shard->second)
      throw py::value_error("shard must be (index, count) with 0 <= index < count");
    o.shard = shard;
  }
  if (max_entry_bytes) {
    if (*max_entry_bytes == 0) throw py::value_error("max_entry_bytes must be positive");
    o.limits.max_entry_bytes = *max_entry_bytes;
  }
  return std::make_unique<BatchIterator>(batch_inputs(paths), std::move(o), with_lines);
}

template <class T>
std::string span_repr(const T& s) {
  return "Span(start=" + std::to_string(s.start) + ", end=" + std::to_string(s.end) + ", line=" + std::to_string(s.line) +
         ")";
}

}  // namespace

PYBIND11_MODULE(_essaykit, m) {
  m.doc() = "The compiled core of the essaykit package (import essaykit, not this).";
  m.attr("__version__") = std::string(essaykit::version());
  using namespace essaykit;
  constexpr auto ref = py::return_value_policy::reference_internal;

  py::class_<Span>(m, "Span", "A half-open byte range [start, end) of the input and the 1-based line of start.")
      .def(py::init([](std::size_t start, std::size_t end, std::size_t line) {
             // Half-open [start, end): one that ends before it starts is no range (its size would wrap).
             if (start > end)
               throw py::value_error("Span(): start (" + std::to_string(start) + ") is after end (" +
                                     std::to_string(end) + ")");
             return Span{start, end, line};
           }),
           py::arg("start"), py::arg("end"), py::arg("line") = 0)
      .def_readonly("start", &Span::start, "First byte (offset into the input as given).")
      .def_readonly("end", &Span::end, "One past the last byte.")
      .def_readonly("line", &Span::line, "1-based line of start.")
      .def("size", &Span::size, "end - start")
      .def("__len__", &Span::size)
      .def(py::self == py::self)  // NOLINT
      .def(py::self != py::self)  // NOLINT
      .def("__hash__", [](const Span& s) { return py::hash(py::make_tuple(s.start, s.end, s.line)); })
      .def("__repr__", &span_repr<Span>);

  py::class_<Source>(m, "Source", "Where the document came from and how it was read.")
      .def_readonly("name", &Source::name, "The path given (the name= of analyze), or \"-\".")
      .def_property_readonly("format", [](const Source& s) { return std::string(format_name(s.format)); },
                             "\"markdown\", \"text\" or \"html\".")
      .def_readonly("bytes", &Source::bytes, "Size of the input (of its UTF-8 form when transcoded).")
      .def_readonly("lines", &Source::lines, "Number of lines (0 when empty).")
      .def_property_readonly("encoding", [](const Source& s) { return std::string(encoding_name(s.encoding)); },
                             "\"UTF-8\", \"UTF-16LE\", \"UTF-16BE\", \"UTF-32LE\" or \"UTF-32BE\".");

  py::class_<Title>(m, "Title", "The document's title (or a text post's subtitle).")
      .def_readonly("text", &Title::text, "Markup removed.")
      .def_readonly("span", &Title::span, "The heading line or the front-matter value.");

  py::class_<Section>(m, "Section", "A heading and the section it opens.")
      .def_readonly("id", &Section::id, "Index in Document.sections.")
      .def_readonly("level", &Section::level, "Markdown: as written (1 for #); text: inferred rank.")
      .def_readonly("title", &Section::title, "Heading text, markup removed.")
      .def_readonly("parent", &Section::parent, "id of the enclosing section, or None.")
      .def_readonly("span", &Section::span, "The heading itself.")
      .def_readonly("end_of_section", &Section::end_of_section, "Byte offset where the section's content ends.")
      .def_readonly("confidence", &Section::confidence, "0..1; 1 where markup says so.")
      .def("__repr__", [](const Section& s) { return "<Section " + std::to_string(s.id) + " level " + std::to_string(s.level) + ": " + s.title + ">"; });

  py::class_<ListItem>(m, "ListItem", "One item of a list (nested lists excluded from its text).")
      .def_readonly("text", &ListItem::text)
      .def_readonly("depth", &ListItem::depth, "0 = top-level list.")
      .def_readonly("span", &ListItem::span, "The whole item, marker included.")
      .def_readonly("confidence", &ListItem::confidence);

  py::class_<ItemRef>(m, "ItemRef", "Which item of which list a nested list belongs to.")
      .def_readonly("list", &ItemRef::list, "List.id")
      .def_readonly("item", &ItemRef::item, "Index into that list's items.");

  py::class_<List>(m, "List", "A list: its items, and where it sits.")
      .def_readonly("id", &List::id, "Index in Document.lists.")
      .def_readonly("ordered", &List::ordered)
      .def_readonly("section", &List::section, "Section.id of the section holding the list, or None.")
      .def_readonly("parent_item", &List::parent_item, "An ItemRef for a nested list, else None.")
      .def_readonly("span", &List::span)
      .def_readonly("items", &List::items)
      .def_readonly("confidence", &List::confidence);

  py::class_<FootnoteRef>(m, "FootnoteRef", "One reference to a footnote, as written.")
      .def_readonly("span", &FootnoteRef::span)
      .def_readonly("context", &FootnoteRef::context,
                    "Up to 60 characters of the text before the marker, as read (Markdown, HTML: markup "
                    "removed, a link as its words; plain text: the marker's line).");

  py::class_<Footnote>(m, "Footnote", "A footnote: its body and every reference to it.")
      .def_readonly("label", &Footnote::label, "As written: \"1\", \"note\", \"*\".")
      .def_readonly("text", &Footnote::text, "The body, markup removed.")
      .def_readonly("body", &Footnote::body, "The body's Span, or None for a reference without a body.")
      .def_readonly("refs", &Footnote::refs)
      .def_readonly("confidence", &Footnote::confidence);

  py::class_<Claim>(m, "Claim", "A sentence that makes a claim.")
      .def_readonly("text", &Claim::text)
      .def_readonly("span", &Claim::span, "The whole sentence.")
      .def_readonly("section", &Claim::section, "Section.id, or None.")
      .def_property_readonly("kind", [](const Claim& c) { return std::string(claim_kind_name(c.kind)); },
                             "\"claim\" or \"thesis\".")
      .def_readonly("score", &Claim::score, "0..1, higher is more confident.")
      .def_readonly("cues", &Claim::cues, "What made it a claim.");

  py::class_<Sentence>(m, "Sentence", "A sentence: its span, and its text as read.")
      .def_readonly("span", &Sentence::span)
      .def_readonly("text", &Sentence::text, "The sentence as a person reads it (markup removed, a link as its words).");

  py::class_<Stats>(m, "Stats", "Counts over the document.")
      .def_readonly("words", &Stats::words)
      .def_readonly("sentences", &Stats::sentences)
      .def_readonly("paragraphs", &Stats::paragraphs)
      .def_readonly("reading_minutes", &Stats::reading_minutes);

  py::class_<Diagnostic>(m, "Diagnostic", "Something the reader doubted or could not resolve.")
      .def_property_readonly("code", [](const Diagnostic& d) { return std::string(diagnostic_code_name(d.code)); },
                             "A stable name: \"invalid_utf8\", \"footnote_without_body\", ...")
      .def_property_readonly("severity", [](const Diagnostic& d) { return std::string(severity_name(d.severity)); },
                             "\"warning\" or \"error\".")
      .def_readonly("message", &Diagnostic::message)
      .def_readonly("span", &Diagnostic::span);

  py::class_<PyDocument>(m, "Document", R"(Everything essaykit found in one input.

Attributes mirror the C++ essaykit::Document: source, title, subtitle, sections,
lists, footnotes, claims, has_sentences, sentences, stats, diagnostics. Elements are
read in place (they keep their Document alive). Positions are byte offsets into the
input; text(x) gives the source text of a Span or of an element with one.)")
      .def_property_readonly("source", [](const PyDocument& d) -> const Source& { return d.doc.source; }, ref)
      .def_property_readonly("title", [](const PyDocument& d) -> const std::optional<Title>& { return d.doc.title; }, ref,
                             "A Title, or None.")
      .def_property_readonly("subtitle", [](const PyDocument& d) -> const std::optional<Title>& { return d.doc.subtitle; },
                             ref, "A Title (plain text: a standfirst on the second line), or None.")
      .def_property_readonly("sections", [](const PyDocument& d) -> const std::vector<Section>& { return d.doc.sections; },
                             ref, "Every heading, in document order.")
      .def_property_readonly("lists", [](const PyDocument& d) -> const std::vector<List>& { return d.doc.lists; }, ref)
      .def_property_readonly("footnotes", [](const PyDocument& d) -> const std::vector<Footnote>& { return d.doc.footnotes; },
                             ref, "In order of first reference.")
      .def_property_readonly("claims", [](const PyDocument& d) -> const std::vector<Claim>& { return d.doc.claims; }, ref)
      .def_property_readonly("has_sentences", [](const PyDocument& d) { return d.doc.has_sentences; },
                             "True when analysed with sentences=True.")
      .def_property_readonly("sentences", [](const PyDocument& d) -> const std::vector<Sentence>& { return d.doc.sentences; },
                             ref, "Filled only with sentences=True.")
      .def_property_readonly("stats", [](const PyDocument& d) -> const Stats& { return d.doc.stats; }, ref)
      .def_property_readonly("diagnostics",
                             [](const PyDocument& d) -> const std::vector<Diagnostic>& { return d.doc.diagnostics; }, ref)
      .def_property_readonly("input", [](const PyDocument& d) { return py::bytes(d.input); },
                             "The bytes spans point into (the UTF-8 form of a UTF-16/32 input).")
      .def(
          "to_json", [](const PyDocument& d, bool pretty) { return to_json(d.doc, JsonOptions{pretty}); },
          py::arg("pretty") = false,
          "The document as JSON (schema essaykit/document/v1), exactly as `essaykit analyze` prints it\n"
          "(without the final newline); pretty=True indents as --pretty does.")
      .def(
          "to_dict", [](const PyDocument& d) { return py::module_::import("json").attr("loads")(to_json(d.doc)); },
          "json.loads(to_json()): the CLI's JSON as dicts and lists.")
      .def(
          "text",
          [](const PyDocument& d, const py::handle& x) { return decode(slice(d.input, span_of(x))); }, py::arg("span"),
          "The source text of a Span, or of an element that has one (Section, Claim, Title, ListItem,\n"
          "FootnoteRef, a Footnote's body): the input's bytes [start, end), invalid UTF-8 as U+FFFD.\n"
          "ValueError for a Footnote without a body (a reference without one).")
      .def(
          "sentence_text", [](const PyDocument& d, const Sentence& s) { return sentence_text(d.input, s); },
          py::arg("sentence"), "A sentence's source with each run of white space made one space, markup kept, as\n"
          "`essaykit sentences --raw` prints it (Sentence.text is the sentence as read).")
      .def(
          "lists_in", [](const PyDocument& d, std::size_t section) { return lists_in(d.doc, section); }, py::arg("section"),
          ref, "The lists a section holds directly (not its subsections'); section is a Section.id.")
      .def(
          "footnotes_in", [](const PyDocument& d, std::size_t section) { return footnotes_in(d.doc, section); },
          py::arg("section"), ref, "The footnotes referenced from a section's own text, each once.")
      .def("outline", [](const PyDocument& d) { return to_outline(d.doc); }, "The outline `essaykit outline` prints.")
      .def("__repr__", [](const PyDocument& d) {
        return "<essaykit.Document " + d.doc.source.name + ": " + std::to_string(d.doc.sections.size()) + " sections, " +
               std::to_string(d.doc.footnotes.size()) + " footnotes, " + std::to_string(d.doc.claims.size()) + " claims>";
      });

  m.def("analyze", &py_analyze, py::arg("text"), py::arg("format") = "auto", py::arg("name") = py::none(),
        py::arg("sentences") = false, py::arg("claims") = true,
        R"(Read an essay and recover its structure.

text       str (read as its UTF-8 bytes) or bytes (as given: UTF-8, or UTF-16/32 with a BOM)
format     "auto" (by name's extension, else by the content), "markdown", "text" or "html"
name       the input's path, for format detection and Document.source.name (default "-")
sentences  fill Document.sentences
claims     detect claims and the thesis (False leaves Document.claims empty)

Returns a Document; raises essaykit.BinaryInput or essaykit.TooLarge (both essaykit.Error)
for input essaykit refuses. Spans are byte offsets into the UTF-8 bytes. The GIL is
released while essaykit works, so threads analyse in parallel.

>>> doc = essaykit.analyze("# Title\n\nSome text.[^1]\n\n[^1]: A note.\n", name="post.md")
>>> doc.title.text, [f.label for f in doc.footnotes]
('Title', ['1']))");

  m.def("analyze_file", &py_analyze_file, py::arg("path"), py::arg("format") = "auto", py::arg("sentences") = false,
        py::arg("claims") = true,
        R"(Read the file at path and analyse it as `essaykit analyze PATH` does (name=path).

Raises essaykit.Unreadable when the file cannot be read, essaykit.BinaryInput or
essaykit.TooLarge when essaykit refuses it.)");

  py::class_<BatchIterator>(m, "BatchIterator", "The iterator batch() returns; close() stops the batch early.")
      .def("__iter__", [](BatchIterator& it) -> BatchIterator& { return it; })
      .def("__next__", &BatchIterator::next)
      .def("close", &BatchIterator::close, "Stop the batch (entries in flight are dropped) and wait for its threads.")
      .def("__enter__", [](BatchIterator& it) -> BatchIterator& { return it; })
      .def("__exit__", [](BatchIterator& it, const py::args&) { it.close(); });

  m.def("batch", &py_batch, py::arg("paths"), py::arg("jobs") = 0, py::arg("format") = "auto",
        py::arg("sentences") = false, py::arg("claims") = true, py::arg("include") = std::vector<std::string>{},
        py::arg("exclude") = std::vector<std::string>{}, py::arg("shard") = py::none(),
        py::arg("max_entry_bytes") = py::none(), py::arg("with_lines") = false,
        R"(Analyse files, folders and archives on a pool of threads, as `essaykit batch` does.

paths            a list of files, folders (walked recursively, in name order) and archives
                 (.tar, .tar.gz/.tgz, .tar.bz2, .tar.xz, .tar.zst, .zip)
jobs             threads (0: one per core)
format, sentences, claims   as for analyze()
include, exclude glob patterns for entries in folders and archives (default include: the
                 formats essaykit reads, and files without an extension outside hidden folders)
shard            (index, count): only the entries whose path hashes to that shard
max_entry_bytes  larger entries become essaykit.TooLarge (default 64 MiB)
with_lines       also give each entry's JSON Lines line, as `essaykit batch` writes it

Yields (path, document_or_error) — or (path, document_or_error, line) — for every entry,
in input order whatever jobs is. An entry essaykit could not read or refused is an
essaykit.Error instance (not raised): BinaryInput, TooLarge, RatioLimit, DepthLimit,
Unreadable, CorruptArchive, SymlinkRefused, AnalysisFailed. The GIL is released while
the batch runs; leaving the loop early (or close()) stops it.

>>> for path, doc in essaykit.batch(["posts.tar.gz"], jobs=2):
...     if isinstance(doc, essaykit.Error): print(path, doc.code)
...     else: print(path, doc.stats.words))");

  m.def("detect_format", [](const py::object& text, const std::string& name) {
          return std::string(format_name(detect_format(name, input_bytes(text, "detect_format"))));
        }, py::arg("text"), py::arg("name") = "-",
        "The format analyze() picks for format=\"auto\": \"markdown\", \"text\" or \"html\".");
}
