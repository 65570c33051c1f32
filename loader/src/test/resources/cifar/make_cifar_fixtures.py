#!/usr/bin/env python3
"""Write tiny CIFAR-10 / CIFAR-100 python-version fixtures as Python 3 re-pickles them.

The published CIFAR python files are Python 2 cPickle dumps (the tests assemble that byte layout
themselves, opcode by opcode). Users who load them in Python 3 with encoding='bytes' and pickle
them again produce the files written here, with the same layout of folders and keys:

  py3-protocol2/cifar-10-batches-py   bytes keys (b'data', ...), protocol 2: bytes as _codecs.encode
  py3-protocol4/cifar-10-batches-py   str keys, protocol 4: FRAME, MEMOIZE, SHORT_BINBYTES, STACK_GLOBAL
  py3-protocol5/cifar-10-batches-py   str keys, protocol 5: numpy's _frombuffer over BYTEARRAY8,
                                      labels as a numpy int64 array instead of a list
  cifar-10-python.tar.gz              the protocol-2 folder packed as the download is (tarfile, gzip)
  py3-protocol2/cifar-100-python      train, test, meta with fine and coarse labels

Pixel (channel c, row y, column x) of image g is (7*g + 50*c + 3*y + 5*x) % 256, stored as the
published files store it: 3072 bytes per image, the red plane then green then blue, rows in
order. Training batch b (1..5) holds images g = 2*(b-1) and 2*(b-1)+1 with CIFAR-10 label g % 10;
the test batch holds g = 100, 101, 102 with label (3*j + 1) % 10 for j = 0, 1, 2. CIFAR-100 train
holds g = 0..3, test g = 100, 101, with fine label 7*g % 100 and coarse label g % 20.

Deterministic output (fixed tar and gzip timestamps), numpy only. Run: python3 make_cifar_fixtures.py
"""
import gzip
import io
import pickle
import tarfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
CIFAR10_NAMES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
FINE = ("apple aquarium_fish baby bear beaver bed bee beetle bicycle bottle bowl boy bridge bus butterfly camel can "
        "castle caterpillar cattle chair chimpanzee clock cloud cockroach couch crab crocodile cup dinosaur dolphin "
        "elephant flatfish forest fox girl hamster house kangaroo keyboard lamp lawn_mower leopard lion lizard lobster "
        "man maple_tree motorcycle mountain mouse mushroom oak_tree orange orchid otter palm_tree pear pickup_truck "
        "pine_tree plain plate poppy porcupine possum rabbit raccoon ray road rocket rose sea seal shark shrew skunk "
        "skyscraper snail snake spider squirrel streetcar sunflower sweet_pepper table tank telephone television tiger "
        "tractor train trout tulip turtle wardrobe whale willow_tree wolf woman worm").split()
COARSE = ("aquatic_mammals fish flowers food_containers fruit_and_vegetables household_electrical_devices "
          "household_furniture insects large_carnivores large_man-made_outdoor_things large_natural_outdoor_scenes "
          "large_omnivores_and_herbivores medium_mammals non-insect_invertebrates people reptiles small_mammals trees "
          "vehicles_1 vehicles_2").split()
assert len(FINE) == 100 and len(COARSE) == 20


def image(g):
    c, y, x = np.meshgrid(np.arange(3), np.arange(32), np.arange(32), indexing="ij")
    return ((7 * g + 50 * c + 3 * y + 5 * x) % 256).astype(np.uint8).reshape(3072)


def batch(indices, labels, key, batch_label):
    return {key("batch_label"): batch_label.encode() if key is bytes_key else batch_label,
            key("labels"): labels,
            key("data"): np.stack([image(g) for g in indices]),
            key("filenames"): [(f"img_{g}.png".encode() if key is bytes_key else f"img_{g}.png") for g in indices]}


def bytes_key(s):
    return s.encode()


def str_key(s):
    return s


def dump(path, obj, protocol):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(obj, protocol=protocol))


def cifar10(folder, protocol, key, numpy_labels=False):
    for b in range(1, 6):
        g = [2 * (b - 1), 2 * (b - 1) + 1]
        labels = [i % 10 for i in g]
        d = batch(g, np.array(labels, dtype=np.int64) if numpy_labels else labels, key, f"training batch {b} of 5")
        dump(folder / f"data_batch_{b}", d, protocol)
    labels = [(3 * j + 1) % 10 for j in range(3)]
    d = batch([100, 101, 102], np.array(labels, dtype=np.int64) if numpy_labels else labels, key, "testing batch 1 of 1")
    dump(folder / "test_batch", d, protocol)
    names = [n.encode() for n in CIFAR10_NAMES] if key is bytes_key else CIFAR10_NAMES
    dump(folder / "batches.meta", {key("num_cases_per_batch"): 2, key("label_names"): names, key("num_vis"): 3072},
         protocol)


def cifar100(folder, protocol, key):
    for name, g in (("train", [0, 1, 2, 3]), ("test", [100, 101])):
        d = {key("filenames"): [f"img_{i}.png".encode() for i in g], key("batch_label"): b"batch",
             key("fine_labels"): [7 * i % 100 for i in g], key("coarse_labels"): [i % 20 for i in g],
             key("data"): np.stack([image(i) for i in g])}
        dump(folder / name, d, protocol)
    dump(folder / "meta", {key("fine_label_names"): [n.encode() for n in FINE],
                           key("coarse_label_names"): [n.encode() for n in COARSE]}, protocol)


def targz(source, arcname, target):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        for f in sorted(source.iterdir()):
            info = tar.gettarinfo(str(f), arcname=f"{arcname}/{f.name}")
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
            with open(f, "rb") as fh:
                tar.addfile(info, fh)
    with open(target, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
            gz.write(raw.getvalue())


cifar10(HERE / "py3-protocol2" / "cifar-10-batches-py", 2, bytes_key)
cifar10(HERE / "py3-protocol4" / "cifar-10-batches-py", 4, str_key)
cifar10(HERE / "py3-protocol5" / "cifar-10-batches-py", 5, str_key, numpy_labels=True)
cifar100(HERE / "py3-protocol2" / "cifar-100-python", 2, bytes_key)
targz(HERE / "py3-protocol2" / "cifar-10-batches-py", "cifar-10-batches-py", HERE / "cifar-10-python.tar.gz")
