# How the JSON files beside this script were written: Keras 3.15.1 (JAX backend), python make.py; each prints
# its model.count_params(): mlp 669706, cnn 1199882, res 151 (the counts KerasWrittenDocumentsTest expects).
import os
os.environ["KERAS_BACKEND"]="jax"
import keras
from keras import layers
mlp = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(512, activation="relu"), layers.Dropout(0.2),
                        layers.Dense(512, activation="relu"), layers.Dropout(0.2), layers.Dense(10, activation="softmax")])
cnn = keras.Sequential([keras.Input(shape=(28,28,1)), layers.Conv2D(32, (3,3), activation="relu"), layers.Conv2D(64, (3,3), activation="relu"),
                        layers.MaxPooling2D((2,2)), layers.Dropout(0.25), layers.Flatten(), layers.Dense(128, activation="relu"),
                        layers.Dropout(0.5), layers.Dense(10, activation="softmax")])
inp = keras.Input(shape=(4,), name="features")
h1 = layers.Dense(8, activation="relu", name="h1")(inp)
h2 = layers.Dense(8, activation="relu", name="h2")(h1)
s = layers.Add(name="sum")([h1, h2])
c = layers.Concatenate(name="wide")([s, inp])
out = layers.Dense(3, activation="softmax", name="out")(c)
res = keras.Model(inp, out)
for name, m in [("mlp", mlp), ("cnn", cnn), ("res", res)]:
    open(f"/tmp/real_{name}.json","w").write(m.to_json())
    print(name, m.count_params())
