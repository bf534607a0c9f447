"""The PyTorch baseline of the lottery-ticket benchmark: LeNet-300-100 on MNIST, written the way a
PyTorch user writes it, on CPU, for `npm run bench` (bench/pytorchBaseline.ts runs it).

Model and training as LTH Lab's lottery-ticket family with the benchmark's settings:
784-300-100-10, ReLU, softmax cross-entropy (F.cross_entropy), Kaiming-normal weights
(nn.init.kaiming_normal_, fan_in, ReLU gain: N(0, 2/fan_in)), zero biases, plain SGD
(torch.optim.SGD, momentum 0), batches drawn from seeded epoch shuffles, inputs
(pixel/255 - mean)/std with the training images' mean and standard deviation, float32.

Masks: the weights are multiplied by their masks after every optimizer step ("mask-after-step",
`w.mul_(mask)` under no_grad). With momentum 0 that is exactly masked SGD: a pruned weight
receives a gradient but is set back to 0 before it is ever used. The per-step table also times
torch.nn.utils.prune.custom_from_mask ("prune-reparam": weight = weight_orig * mask recomputed in
a forward pre-hook, gradients masked by autograd), the library's own way; both compute densely.

Reads a JSON job on stdin, prints one JSON result on stdout:
  job = {"dataFolder", "threads", "steps": {...} or null, "chain": {...} or null}
  steps = {"densities", "variants", "steps", "warmup", "repeats", "batchSize", "seed"}
  chain = {"rounds", "iterations", "evaluateEvery", "trainSize", "validationSize", "batchSize",
           "learningRate", "fraction", "outputFraction", "seed"}
A chain mirrors LTH Lab's (ticketChain.ts, trainNetwork.ts) network for network: train
`iterations` steps evaluating the validation set every `evaluateEvery` (keeping a copy of the
best weights), then the test set at the end and at the best iteration and the training subset;
prune 20% of each hidden layer's surviving weights (the output layer 10%) by magnitude; rewind
the survivors to their initial values; repeat. So both sides do the same work.
"""
import ctypes
import json
import math
import os
import resource
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import prune

LAYER_SIZES = [784, 300, 100, 10]
EVAL_CHUNK = 1000  # images per forward pass in an evaluation (as LTH Lab's Evaluator)


# --- which BLAS -------------------------------------------------------------------------------

def blas_info():
    """The BLAS libraries mapped into this process, and OpenBLAS's own description if it is one."""
    libraries = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = os.path.basename(path)
            if ("blas" in name or "lapack" in name) and path not in libraries:
                libraries.append(path)
    openblas = next((path for path in libraries if "openblas" in os.path.basename(path)), None)
    if openblas is None:
        openblas = next((path for path in libraries if "openblas" in path), None)
    info = {"libraries": libraries, "openblas": None, "reference": False}
    if openblas is not None:
        try:
            library = ctypes.CDLL(openblas)
            library.openblas_get_corename.restype = ctypes.c_char_p
            library.openblas_get_config.restype = ctypes.c_char_p
            info["openblas"] = {
                "path": openblas,
                "coreName": library.openblas_get_corename().decode(),
                "config": library.openblas_get_config().decode(),
                "threads": library.openblas_get_num_threads(),
            }
        except (OSError, AttributeError):
            pass
    # Debian's reference BLAS lives in .../blas/libblas.so.3 (the alternative with priority 10).
    info["reference"] = info["openblas"] is None and any("/blas/libblas.so" in path for path in libraries)
    return info


# --- data ---------------------------------------------------------------------------------------

def read_idx(path, offset):
    with open(path, "rb") as handle:
        return np.frombuffer(handle.read(), dtype=np.uint8, offset=offset)


def load_mnist(folder):
    train_pixels = read_idx(os.path.join(folder, "train-images-idx3-ubyte"), 16).reshape(-1, 784)
    train_labels = read_idx(os.path.join(folder, "train-labels-idx1-ubyte"), 8)
    test_pixels = read_idx(os.path.join(folder, "t10k-images-idx3-ubyte"), 16).reshape(-1, 784)
    test_labels = read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte"), 8)
    # Mean and population std of pixel/255 over all training images (as LTH Lab's pixelMoments).
    mean = float(train_pixels.mean(dtype=np.float64)) / 255
    std = float(np.sqrt((train_pixels.astype(np.float64) ** 2).mean() - (mean * 255) ** 2)) / 255

    def normalized(pixels):
        return torch.from_numpy(((pixels.astype(np.float32) / 255 - np.float32(mean)) / np.float32(std)).astype(np.float32))

    return {
        "trainX": normalized(train_pixels),
        "trainY": torch.from_numpy(train_labels.astype(np.int64)),
        "testX": normalized(test_pixels),
        "testY": torch.from_numpy(test_labels.astype(np.int64)),
        "mean": mean,
        "std": std,
    }


class BatchOrder:
    """Epoch after epoch a seeded shuffle of the training subset; an epoch's tail continues into the next."""

    def __init__(self, indices, batch_size, rng):
        self.indices = indices
        self.batch_size = batch_size
        self.rng = rng
        self.epoch = None
        self.position = len(indices)

    def next(self):
        parts = []
        needed = self.batch_size
        while needed > 0:
            if self.position == len(self.indices):
                self.epoch = self.indices[torch.from_numpy(self.rng.permutation(len(self.indices)))]
                self.position = 0
            take = min(needed, len(self.indices) - self.position)
            parts.append(self.epoch[self.position:self.position + take])
            self.position += take
            needed -= take
        return parts[0] if len(parts) == 1 else torch.cat(parts)


# --- model ----------------------------------------------------------------------------------------

def lenet():
    """LeNet-300-100 with nn.init.kaiming_normal_ (fan_in, ReLU: N(0, 2/fan_in)) weights and zero biases, from torch's global seed."""
    layers = []
    for index in range(len(LAYER_SIZES) - 1):
        linear = nn.Linear(LAYER_SIZES[index], LAYER_SIZES[index + 1])
        nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
        nn.init.zeros_(linear.bias)
        layers.append(linear)
        if index + 2 < len(LAYER_SIZES):
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def linears(model):
    return [module for module in model if isinstance(module, nn.Linear)]


def lenet_densities(density):
    """Hidden layers at `density`, the output layer at 0.9^k where 0.8^k = density (Frankle & Carbin's rates)."""
    rounds = math.log(density) / math.log(0.8)
    return [density, density, 0.9 ** rounds]


def random_masks(densities, rng):
    return [
        torch.from_numpy((rng.random((LAYER_SIZES[index + 1], LAYER_SIZES[index])) < density).astype(np.float32))
        for index, density in enumerate(densities)
    ]


# --- one step, timed --------------------------------------------------------------------------------

def time_steps(job, data):
    """Median and minimum over `repeats` of the mean ms per training step (batch 128), per density and mask variant."""
    rng = np.random.default_rng(job["seed"])
    torch.manual_seed(job["seed"])
    batch_size = job["batchSize"]
    batches = [
        (data["trainX"][start:start + batch_size].clone(), data["trainY"][start:start + batch_size].clone())
        for start in range(0, 8 * batch_size, batch_size)
    ]
    results = []
    for density in job["densities"]:
        densities = lenet_densities(density)
        variants = ["dense"] if density >= 1 else job["variants"]
        for variant in variants:
            model = lenet()
            masks = random_masks(densities, rng)
            layers = linears(model)
            if variant == "mask-after-step":
                with torch.no_grad():
                    for layer, mask in zip(layers, masks):
                        layer.weight.mul_(mask)
            elif variant == "prune-reparam":
                for layer, mask in zip(layers, masks):
                    prune.custom_from_mask(layer, "weight", mask)
            optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0)

            def step(index):
                inputs, labels = batches[index % len(batches)]
                optimizer.zero_grad(set_to_none=True)
                loss = F.cross_entropy(model(inputs), labels)
                loss.backward()
                optimizer.step()
                if variant == "mask-after-step":
                    with torch.no_grad():
                        for layer, mask in zip(layers, masks):
                            layer.weight.mul_(mask)

            for index in range(job["warmup"]):
                step(index)
            samples = []
            for _ in range(job["repeats"]):
                started = time.perf_counter()
                for index in range(job["steps"]):
                    step(index)
                samples.append((time.perf_counter() - started) * 1000 / job["steps"])
            # Forward pass alone (no autograd), for the profile.
            with torch.no_grad():
                for index in range(10):
                    model(batches[index % len(batches)][0])
                started = time.perf_counter()
                for index in range(job["steps"]):
                    model(batches[index % len(batches)][0])
                forward_ms = (time.perf_counter() - started) * 1000 / job["steps"]
            results.append({
                "density": density,
                "layerDensities": densities,
                "variant": variant,
                "msPerStep": samples,
                "forwardMs": forward_ms,
            })
    return results


# --- one IMP chain ------------------------------------------------------------------------------------

def evaluate(model, inputs, labels, indices=None):
    """Mean loss and error over a set (rows `indices` of it, gathered chunk by chunk, as LTH Lab's Evaluator)."""
    count = len(indices) if indices is not None else inputs.shape[0]
    loss_sum = 0.0
    correct = 0
    with torch.no_grad():
        for start in range(0, count, EVAL_CHUNK):
            if indices is not None:
                rows = indices[start:start + EVAL_CHUNK]
                x, y = inputs.index_select(0, rows), labels.index_select(0, rows)
            else:
                x, y = inputs[start:start + EVAL_CHUNK], labels[start:start + EVAL_CHUNK]
            logits = model(x)
            loss_sum += float(F.cross_entropy(logits, y, reduction="sum"))
            correct += int((logits.argmax(dim=1) == y).sum())
    return loss_sum / count, 1 - correct / count


def kept_after(count, fraction, rounds=1):
    remaining = count
    for _ in range(rounds):
        remaining -= math.floor(fraction * remaining + 0.5)  # JavaScript's Math.round
    return remaining


def magnitude_prune(weights, masks, fraction, output_fraction):
    """Layerwise: each hidden layer keeps its largest surviving |w| but round(fraction × kept); the output layer likewise at output_fraction."""
    result = []
    for index, (weight, mask) in enumerate(zip(weights, masks)):
        rate = output_fraction if index == len(masks) - 1 else fraction
        kept = int(mask.sum())
        keep = kept_after(kept, rate)
        magnitudes = torch.where(mask > 0, weight.abs(), torch.full_like(weight, -1.0)).flatten()
        next_mask = torch.zeros_like(magnitudes)
        if keep > 0:
            next_mask[torch.topk(magnitudes, keep, sorted=False).indices] = 1.0
        result.append(next_mask.view_as(mask))
    return result


def run_chain(job, data):
    torch.manual_seed(job["seed"])
    rng = np.random.default_rng(job["seed"])
    order = torch.from_numpy(rng.permutation(data["trainX"].shape[0]))
    validation = order[: job["validationSize"]]
    train = order[job["validationSize"]: job["validationSize"] + job["trainSize"]]
    train_x, train_y, test_x, test_y = data["trainX"], data["trainY"], data["testX"], data["testY"]

    model = lenet()
    layers = linears(model)
    parameters = list(model.parameters())
    initial = [parameter.detach().clone() for parameter in parameters]
    snapshot = [parameter.detach().clone() for parameter in parameters]
    final = [parameter.detach().clone() for parameter in parameters]
    masks = [torch.ones_like(layer.weight) for layer in layers]
    batch_seed = int(rng.integers(2**31))

    def copy(source, target):
        with torch.no_grad():
            for a, b in zip(source, target):
                b.copy_(a)

    networks = []
    chain_started = time.perf_counter()
    for round_index in range(job["rounds"] + 1):
        started = time.perf_counter()
        # Rewind the survivors to their initial values (round 0: the initialization itself).
        copy(initial, parameters)
        with torch.no_grad():
            for layer, mask in zip(layers, masks):
                layer.weight.mul_(mask)
        optimizer = torch.optim.SGD(parameters, lr=job["learningRate"], momentum=0)
        batches = BatchOrder(train, job["batchSize"], np.random.default_rng(batch_seed))  # the same order every round
        step_seconds = 0.0
        best = {"iteration": 0, "loss": math.inf, "error": 1.0}
        evaluations = 0

        def validate(iteration):
            nonlocal best, evaluations
            evaluations += 1
            loss, error = evaluate(model, train_x, train_y, validation)
            if loss < best["loss"] or evaluations == 1:
                best = {"iteration": iteration, "loss": loss, "error": error}
                copy(parameters, snapshot)

        validate(0)
        for iteration in range(job["iterations"]):
            step_started = time.perf_counter()
            rows = batches.next()
            inputs, labels = train_x.index_select(0, rows), train_y.index_select(0, rows)
            optimizer.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(inputs), labels)
            loss.backward()
            optimizer.step()
            if round_index > 0:
                with torch.no_grad():
                    for layer, mask in zip(layers, masks):
                        layer.weight.mul_(mask)
            step_seconds += time.perf_counter() - step_started
            if (iteration + 1) % job["evaluateEvery"] == 0 or iteration + 1 == job["iterations"]:
                validate(iteration + 1)
        _, final_test_error = evaluate(model, test_x, test_y)
        _, train_error = evaluate(model, train_x, train_y, train)
        copy(parameters, final)
        copy(snapshot, parameters)
        test_loss, test_error = evaluate(model, test_x, test_y)
        copy(final, parameters)
        # IMP: the next round's masks from this ticket's final weights.
        if round_index < job["rounds"]:
            masks = magnitude_prune([layer.weight.detach() for layer in layers], masks, job["fraction"], job["outputFraction"])
        seconds = time.perf_counter() - started
        networks.append({
            "round": round_index,
            "seconds": seconds,
            "stepSeconds": step_seconds,
            "elapsedSeconds": time.perf_counter() - chain_started,
            "testError": test_error,
            "testLoss": test_loss,
            "finalTestError": final_test_error,
            "trainError": train_error,
            "earlyStopIteration": best["iteration"],
            "validationError": best["error"],
        })
    # Densities of the rounds, from the pruning rule (the masks above follow it exactly).
    prunable = [LAYER_SIZES[index] * LAYER_SIZES[index + 1] for index in range(len(LAYER_SIZES) - 1)]
    for network in networks:
        counts = [
            kept_after(count, job["outputFraction"] if index == len(prunable) - 1 else job["fraction"], network["round"])
            for index, count in enumerate(prunable)
        ]
        network["density"] = sum(counts) / sum(prunable)
    return {"seconds": time.perf_counter() - chain_started, "networks": networks}


def main():
    job = json.load(sys.stdin)
    torch.set_num_threads(job["threads"])
    started = time.perf_counter()
    data = load_mnist(job["dataFolder"])
    data_seconds = time.perf_counter() - started
    result = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "environment": {name: os.environ.get(name) for name in ["OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE", "LD_LIBRARY_PATH"]},
        "dataSeconds": data_seconds,
        "pixelMean": data["mean"],
        "pixelStd": data["std"],
    }
    if job.get("steps"):
        result["steps"] = time_steps(job["steps"], data)
    if job.get("chain"):
        result["chain"] = run_chain(job["chain"], data)
    result["blas"] = blas_info()  # after the work: the BLAS that actually ran it
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["peakRssBytes"] = usage.ru_maxrss * 1024
    result["cpuSeconds"] = usage.ru_utime + usage.ru_stime
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
