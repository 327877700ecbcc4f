#!/usr/bin/env python3
"""PyTorch float64 anchor for `sieve bench train` (energies only): the same network (one per element,
D inputs, tanh hidden layers, linear output), the same batch of structures (energy = sum of atomic
outputs, loss = mean squared per-atom energy error), forward + backward + Adam step, one thread.
Features are random numbers of the shape of the real ones (the cost does not depend on their values).
Prints atom-evaluations per second = atoms per epoch x epochs / wall time, like `sieve bench train`.

usage: torch_energy_train.py [--structures 200] [--atoms 256] [--features 22] [--hidden 10,10]
                             [--batch 64] [--epochs 10] [--warmup 2] [--threads 1]
"""
import argparse
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--structures", type=int, default=200)
    ap.add_argument("--atoms", type=int, default=256)
    ap.add_argument("--features", type=int, default=22)
    ap.add_argument("--hidden", default="10,10")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    dt = torch.float64
    widths = [a.features] + [int(h) for h in a.hidden.split(",")] + [1]
    layers = []
    for k in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[k], widths[k + 1]).to(dt))
        if k < len(widths) - 2:
            layers.append(torch.nn.Tanh())
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    g = torch.rand(a.structures, a.atoms, a.features, dtype=dt)
    e = torch.rand(a.structures, dtype=dt)
    n_atoms = a.structures * a.atoms

    def epoch():
        perm = torch.randperm(a.structures)
        for b in range(0, a.structures, a.batch):
            idx = perm[b:b + a.batch]
            x = g[idx].reshape(-1, a.features)
            out = net(x).reshape(len(idx), a.atoms).sum(dim=1)
            loss = (((out - e[idx]) / a.atoms) ** 2).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()

    for _ in range(a.warmup):
        epoch()
    t0 = time.perf_counter()
    for _ in range(a.epochs):
        epoch()
    wall = time.perf_counter() - t0
    print("torch %s float64, %d thread(s): %.3f M atom-evaluations/s (%d structures x %d atoms, D %d, hidden %s, "
          "batch %d, %d epochs in %.2f s)" % (torch.__version__, a.threads, n_atoms * a.epochs / wall / 1e6,
                                             a.structures, a.atoms, a.features, a.hidden, a.batch, a.epochs, wall))


if __name__ == "__main__":
    main()
