#include "net_trainer.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "progress_bar.h"

namespace mtcnn::train {
namespace {

std::string Fingerprint(const CascadeNet& net, const SampleSet& train, const TrainOptions& o) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "%s samples=%lld batch=%d lr=%.9g momentum=%.9g decay=%.9g hard=%.9g "
                "mix=%g:%g:%g:%g seed=%llu",
                NetName(net->kind()), static_cast<long long>(train.size()), o.batch_size,
                o.learning_rate, o.momentum, o.weight_decay, o.hard_fraction, o.mix[0], o.mix[1],
                o.mix[2], o.mix[3], static_cast<unsigned long long>(o.seed));
  return buf;
}

std::string LossText(double det, double box, double lmk) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "det %.4f  box %.4f  lmk %.4f", det, box, lmk);
  return buf;
}

torch::Tensor HistoryTensor(const TrainHistory& h) {
  torch::Tensor t = torch::zeros({static_cast<int64_t>(h.batches.size()), 4}, torch::kFloat64);
  for (size_t i = 0; i < h.batches.size(); ++i) {
    for (int k = 0; k < 4; ++k) t[i][k] = h.batches[i][k];
  }
  return t;
}

torch::Tensor ValidationTensor(const TrainHistory& h) {
  torch::Tensor t = torch::zeros({static_cast<int64_t>(h.validation.size()), 7}, torch::kFloat64);
  for (size_t i = 0; i < h.validation.size(); ++i) {
    const Evaluation& e = h.validation[i];
    const double v[7] = {
        e.detection, e.box, e.landmarks, e.total, e.accuracy, static_cast<double>(e.classified), 0};
    for (int k = 0; k < 7; ++k) t[i][k] = v[k];
  }
  return t;
}

struct Progress {
  int64_t epoch = 0, batch = 0;  // the next batch to run
};

void SaveCheckpoint(const std::string& path, const std::string& fingerprint, CascadeNet& net,
                    torch::optim::SGD& optimizer, const Progress& at, const TrainHistory& history) {
  torch::serialize::OutputArchive archive;
  archive.write("fingerprint", c10::IValue(fingerprint));
  archive.write("epoch", torch::tensor(at.epoch));
  archive.write("batch", torch::tensor(at.batch));
  archive.write("history", HistoryTensor(history));
  archive.write("validation", ValidationTensor(history));
  torch::serialize::OutputArchive model, optim;
  net->save(model);
  optimizer.save(optim);
  archive.write("model", model);
  archive.write("optimizer", optim);
  const std::string tmp = path + ".tmp";
  archive.save_to(tmp);
  std::filesystem::rename(tmp, path);
}

bool LoadCheckpoint(const std::string& path, const std::string& fingerprint, CascadeNet& net,
                    torch::optim::SGD& optimizer, Progress* at, TrainHistory* history) {
  if (!std::filesystem::exists(path)) return false;
  torch::serialize::InputArchive archive;
  archive.load_from(path);
  c10::IValue saved;
  archive.read("fingerprint", saved);
  if (saved.toStringRef() != fingerprint) {
    throw std::runtime_error(path + " holds another run (" + saved.toStringRef() +
                             "); use another --workdir, or delete it to start over");
  }
  torch::Tensor epoch, batch, h, v;
  archive.read("epoch", epoch);
  archive.read("batch", batch);
  archive.read("history", h);
  archive.read("validation", v);
  torch::serialize::InputArchive model, optim;
  archive.read("model", model);
  archive.read("optimizer", optim);
  net->load(model);
  optimizer.load(optim);
  at->epoch = epoch.item<int64_t>();
  at->batch = batch.item<int64_t>();
  for (int64_t i = 0; i < h.size(0); ++i) {
    history->batches.push_back({h[i][0].item<double>(), h[i][1].item<double>(),
                                h[i][2].item<double>(), h[i][3].item<double>()});
  }
  for (int64_t i = 0; i < v.size(0); ++i) {
    Evaluation e;
    e.detection = v[i][0].item<double>();
    e.box = v[i][1].item<double>();
    e.landmarks = v[i][2].item<double>();
    e.total = v[i][3].item<double>();
    e.accuracy = v[i][4].item<double>();
    e.classified = static_cast<int64_t>(v[i][5].item<double>());
    history->validation.push_back(e);
  }
  return true;
}

}  // namespace

Evaluation Evaluate(CascadeNet& net, const SampleSet& samples, int batch_size) {
  torch::NoGradGuard no_grad;
  const TaskWeights alpha = SeedTaskWeights(net->kind());
  Evaluation e;
  double det_sum = 0, box_sum = 0, lmk_sum = 0;
  int64_t box_n = 0, lmk_n = 0, correct = 0;
  for (int64_t first = 0; first < samples.size(); first += batch_size) {
    const int64_t n = std::min<int64_t>(batch_size, samples.size() - first);
    const torch::Tensor kinds = samples.kinds.narrow(0, first, n);
    const NetOutput out = net->forward(samples.images.narrow(0, first, n));
    const LossTerms t = MultitaskLoss(out, kinds, samples.boxes.narrow(0, first, n),
                                      samples.landmarks.narrow(0, first, n), alpha, 1.0);
    det_sum += t.detection * t.detection_count;
    box_sum += t.box * t.box_count;
    lmk_sum += t.landmarks * t.landmark_count;
    e.classified += t.detection_count;
    box_n += t.box_count;
    lmk_n += t.landmark_count;
    const torch::Tensor face = torch::softmax(out.logits.reshape({n, 2}), 1).select(1, 1) >= 0.5;
    const torch::Tensor neg = kinds == static_cast<int64_t>(SampleKind::kNegative);
    const torch::Tensor pos = kinds == static_cast<int64_t>(SampleKind::kPositive);
    correct += ((face & pos) | (~face & neg)).sum().item<int64_t>();
  }
  e.detection = e.classified ? det_sum / e.classified : 0;
  e.box = box_n ? box_sum / box_n : 0;
  e.landmarks = lmk_n ? lmk_sum / lmk_n : 0;
  e.total = alpha.detection * e.detection + alpha.box * e.box + alpha.landmarks * e.landmarks;
  e.accuracy = e.classified ? static_cast<double>(correct) / e.classified : 0;
  return e;
}

TrainHistory TrainNet(CascadeNet& net, const SampleSet& train, const SampleSet* validation,
                      const TrainOptions& options, const std::string& checkpoint) {
  if (train.size() == 0)
    throw std::runtime_error(std::string("no samples to train ") + NetName(net->kind()));
  torch::optim::SGD optimizer(net->parameters(), torch::optim::SGDOptions(options.learning_rate)
                                                     .momentum(options.momentum)
                                                     .weight_decay(options.weight_decay));
  const std::string fingerprint = Fingerprint(net, train, options);
  const TaskWeights alpha = SeedTaskWeights(net->kind());
  TrainHistory history;
  history.batches_per_epoch =
      static_cast<int>((train.size() + options.batch_size - 1) / options.batch_size);
  Progress at;
  if (LoadCheckpoint(checkpoint, fingerprint, net, optimizer, &at, &history)) {
    std::fprintf(stderr, "%s: resuming at epoch %lld, batch %lld (%s)\n", NetName(net->kind()),
                 static_cast<long long>(at.epoch + 1), static_cast<long long>(at.batch),
                 checkpoint.c_str());
  }
  auto last_save = std::chrono::steady_clock::now();
  for (; at.epoch < options.epochs; ++at.epoch, at.batch = 0) {
    net->train();
    // Each epoch's batches follow from the seed and the epoch alone, so a resumed epoch
    // continues with the batches it would have had.
    ClassMixSampler sampler(train, options.mix, options.batch_size,
                            options.seed * 1000003 + static_cast<uint64_t>(at.epoch));
    for (int64_t skip = 0; skip < at.batch; ++skip) sampler.Next();
    char label[64];
    std::snprintf(label, sizeof label, "%s epoch %lld/%d", NetName(net->kind()),
                  static_cast<long long>(at.epoch + 1), options.epochs);
    ProgressBar bar(label, history.batches_per_epoch);
    std::array<double, 4> sum{};
    int64_t summed = 0;
    for (; at.batch < history.batches_per_epoch; ++at.batch) {
      const torch::Tensor index = sampler.Next();
      const SampleSet batch = train.Select(index);
      optimizer.zero_grad();
      const NetOutput out = net->forward(batch.images);
      const LossTerms t = MultitaskLoss(out, batch.kinds, batch.boxes, batch.landmarks, alpha,
                                        options.hard_fraction);
      t.total.backward();
      optimizer.step();
      const std::array<double, 4> row = {t.total.item<double>(), t.detection, t.box, t.landmarks};
      if (!std::isfinite(row[0])) {
        throw std::runtime_error(std::string(NetName(net->kind())) +
                                 "'s loss is no longer finite; lower --lr");
      }
      history.batches.push_back(row);
      for (int k = 0; k < 4; ++k) sum[k] += row[k];
      ++summed;
      bar.Update(at.batch + 1, LossText(sum[1] / summed, sum[2] / summed, sum[3] / summed));
      if (std::chrono::steady_clock::now() - last_save >
          std::chrono::duration<double>(options.checkpoint_seconds)) {
        Progress next{at.epoch, at.batch + 1};
        SaveCheckpoint(checkpoint, fingerprint, net, optimizer, next, history);
        last_save = std::chrono::steady_clock::now();
      }
    }
    std::string detail = summed ? LossText(sum[1] / summed, sum[2] / summed, sum[3] / summed) : "";
    if (validation && validation->size() > 0) {
      net->eval();
      const Evaluation e = Evaluate(net, *validation, 512);
      history.validation.push_back(e);
      char buf[128];
      std::snprintf(buf, sizeof buf, "  | validation %s  accuracy %.2f%%",
                    LossText(e.detection, e.box, e.landmarks).c_str(), 100 * e.accuracy);
      detail += buf;
    }
    bar.Finish(detail);
    SaveCheckpoint(checkpoint, fingerprint, net, optimizer, {at.epoch + 1, 0}, history);
    last_save = std::chrono::steady_clock::now();
  }
  net->eval();
  return history;
}

}  // namespace mtcnn::train
