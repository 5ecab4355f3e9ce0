#include "js_align.h"

#include "js_convert.h"

#include <string>

using emscripten::val;

namespace mtcnn_bindings {
namespace {

bool IsArray(const val& v) { return val::global("Array").call<bool>("isArray", v); }

// [x, y] as doubles; `what` names it in the error.
std::array<double, 2> PointFromJs(const val& p, const std::string& what) {
  if (!IsArray(p) || p["length"].as<int>() != 2 || TypeOf(p[0]) != "number" ||
      TypeOf(p[1]) != "number") {
    BadOption(what + " must be [x, y], two numbers");
  }
  return {p[0].as<double>(), p[1].as<double>()};
}

}  // namespace

mtcnn::AlignOptions AlignOptionsFromJs(const val& options) {
  mtcnn::AlignOptions o;
  if (options.isUndefined() || options.isNull()) return o;
  if (TypeOf(options) != "object") BadOption("alignFaces options must be an object");
  const val keys = val::global("Object").call<val>("keys", options);
  for (int i = 0; i < keys["length"].as<int>(); ++i) {
    const std::string key = keys[i].as<std::string>();
    if (key != "size" && key != "template" && key != "margin")
      BadOption("unknown alignFaces option \"" + key + "\"");
  }
  const val size = options["size"];
  if (!size.isUndefined()) {
    if (TypeOf(size) != "number") BadOption("size must be a number, got " + TypeOf(size));
    const double s = size.as<double>();
    if (!(s >= 1 && s <= mtcnn::kMaxCropSize) || s != static_cast<int>(s)) {
      BadOption("size must be an integer in [1, " + std::to_string(mtcnn::kMaxCropSize) +
                "], got " + std::to_string(s));
    }
    o.size = static_cast<int>(s);
  }
  const val margin = options["margin"];
  if (!margin.isUndefined()) {
    if (TypeOf(margin) != "number") BadOption("margin must be a number, got " + TypeOf(margin));
    o.margin = margin.as<double>();
  }
  const val t = options["template"];
  if (t.isUndefined()) return o;
  if (TypeOf(t) == "string" && t.as<std::string>() == "arcface") {
    o.kind = mtcnn::AlignTemplate::kArcface;
  } else if (TypeOf(t) == "string" && t.as<std::string>() == "facenet") {
    o.kind = mtcnn::AlignTemplate::kFacenet;
  } else if (IsArray(t) && t["length"].as<int>() == mtcnn::kNumKeypoints) {
    o.kind = mtcnn::AlignTemplate::kCustom;
    for (int k = 0; k < mtcnn::kNumKeypoints; ++k)
      o.points[k] = PointFromJs(t[k], "template[" + std::to_string(k) + "]");
  } else {
    BadOption("template must be 'arcface', 'facenet' or five [x, y] points");
  }
  return o;
}

std::vector<mtcnn::Face> FacesFromJs(const val& faces, mtcnn::AlignTemplate kind) {
  if (!IsArray(faces)) BadOption("faces must be an array of faces (as detectFaces returns)");
  std::vector<mtcnn::Face> out(faces["length"].as<size_t>());
  for (size_t i = 0; i < out.size(); ++i) {
    const std::string name = "faces[" + std::to_string(i) + "]";
    const val f = faces[i];
    if (f.isNull() || TypeOf(f) != "object") BadOption(name + " must be a face object");
    mtcnn::Face& face = out[i];
    if (kind == mtcnn::AlignTemplate::kFacenet) {
      const val box = f["box"];
      if (!IsArray(box) || box["length"].as<int>() != 4)
        BadOption(name + ".box must be [x, y, width, height]");
      for (int k = 0; k < 4; ++k) {
        if (TypeOf(box[k]) != "number") BadOption(name + ".box must hold four numbers");
        face.box[k] = box[k].as<double>();
      }
      continue;
    }
    const val keypoints = f["keypoints"];
    if (keypoints.isNull() || TypeOf(keypoints) != "object")
      BadOption(name + ".keypoints must be an object");
    for (int k = 0; k < mtcnn::kNumKeypoints; ++k) {
      const char* key = mtcnn::KeypointName(k);
      const std::array<double, 2> p =
          PointFromJs(keypoints[key], name + ".keypoints." + std::string(key));
      face.keypoints[k] = {static_cast<float>(p[0]), static_cast<float>(p[1])};
    }
  }
  return out;
}

val CropsToJs(const std::vector<mtcnn::RgbaImage>& crops) {
  val out = val::array();
  for (size_t i = 0; i < crops.size(); ++i) {
    const mtcnn::RgbaImage& c = crops[i];
    val crop = val::object();
    crop.set("width", c.width);
    crop.set("height", c.height);
    // A copy: the view into the heap would change as the heap does.
    crop.set("data", val::global("Uint8ClampedArray")
                         .new_(emscripten::typed_memory_view(c.pixels.size(), c.pixels.data())));
    out.set(i, crop);
  }
  return out;
}

}  // namespace mtcnn_bindings
