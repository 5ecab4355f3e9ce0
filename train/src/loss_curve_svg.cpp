#include "loss_curve_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace mtcnn::train {

std::vector<double> RunningMean(const std::vector<double>& values, size_t window) {
  std::vector<double> out;
  double sum = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    sum += values[i];
    if (i >= window) sum -= values[i - window];
    out.push_back(sum / static_cast<double>(std::min(i + 1, window)));
  }
  return out;
}

void WriteLossCurveSvg(const std::string& path, const std::string& title,
                       const std::vector<LossSeries>& series) {
  constexpr double kW = 640, kH = 360, kLeft = 60, kRight = 130, kTop = 30, kBottom = 40;
  double x_max = 0, y_min = INFINITY, y_max = 0;
  for (const LossSeries& s : series) {
    for (double x : s.x) x_max = std::max(x_max, x);
    for (double y : s.y) {
      if (y > 0 && std::isfinite(y)) {
        y_min = std::min(y_min, y);
        y_max = std::max(y_max, y);
      }
    }
  }
  if (!(y_max > 0)) y_min = y_max = 1;
  const double lo = std::floor(std::log10(y_min)),
               hi = std::max(lo + 1, std::ceil(std::log10(y_max)));
  x_max = std::max(x_max, 1e-9);
  auto px = [&](double x) { return kLeft + (kW - kLeft - kRight) * x / x_max; };
  auto py = [&](double y) {
    return kTop + (kH - kTop - kBottom) * (hi - std::log10(y)) / (hi - lo);
  };
  std::string svg;
  char buf[512];
  auto add = [&](const char* format, auto... args) {
    std::snprintf(buf, sizeof buf, format, args...);
    svg += buf;
  };
  add("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" "
      "fill=\"white\"/>\n",
      kW, kH);
  add("<text x=\"%.0f\" y=\"18\" font-size=\"14\">%s</text>\n", kLeft, title.c_str());
  for (double e = lo; e <= hi; ++e) {
    add("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">1e%.0f</text>\n",
        kLeft, kW - kRight, py(std::pow(10, e)), py(std::pow(10, e)), kLeft - 6,
        py(std::pow(10, e)) + 4, e);
  }
  add("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">epoch</text>\n",
      (kLeft + kW - kRight) / 2, kH - 8);
  // About ten epoch labels, whatever the number of epochs.
  const int step = std::max(1, static_cast<int>(std::ceil(x_max / 10)));
  for (int e = 0; e <= x_max + 1e-9; e += step) {
    add("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>\n", px(e), kH - kBottom + 16,
        e);
  }
  int legend = 0;
  for (const LossSeries& s : series) {
    std::string pts;
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (!(s.y[i] > 0) || !std::isfinite(s.y[i])) continue;
      if (s.points) {
        add("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n", px(s.x[i]), py(s.y[i]),
            s.color.c_str());
      } else {
        std::snprintf(buf, sizeof buf, "%.1f,%.1f ", px(s.x[i]), py(s.y[i]));
        pts += buf;
      }
    }
    if (!pts.empty()) {
      svg += "<polyline fill=\"none\" stroke=\"" + s.color + "\" stroke-width=\"1.5\" points=\"" +
             pts + "\"/>\n";
    }
    add("<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"3\" fill=\"%s\"/><text x=\"%.1f\" "
        "y=\"%.1f\">%s</text>\n",
        kW - kRight + 12, kTop + 18.0 * legend, s.color.c_str(), kW - kRight + 30,
        kTop + 18.0 * legend + 5, s.name.c_str());
    ++legend;
  }
  svg += "</svg>\n";
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << svg;
    if (!out) throw std::runtime_error("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace mtcnn::train
