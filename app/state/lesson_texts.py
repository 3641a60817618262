"""Titles and explanations of the Lessons menu's presets (English and Simplified Chinese).

Every number quoted here is what the lesson's runs produce; tests/lessons/test_lessons.py checks them.
"""

from __future__ import annotations

# lesson id -> (title_en, title_zh, explanation_en, explanation_zh)
LESSON_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "gd-sgd-minibatch": (
        "GD vs SGD vs mini-batch",
        "GD、SGD 与小批量梯度下降",
        "All three runs use the same optimizer, torch.optim.SGD with lr = 0.05, on the same 100 noisy "
        "points of y ≈ 2x + 1; only the batch size differs. "
        "<b>GD</b> uses all n = 100 samples per step, so its path is smooth and its loss falls steadily. "
        "<b>SGD</b> uses one sample per step and follows that one sample's gradient, so its path wanders "
        "and its raw loss curve is very noisy. "
        "<b>Mini-batch</b> SGD averages 16 samples per step, which removes most of the noise at a fraction "
        "of GD's cost per step. "
        "Compare the raw loss curves: the noise is the price of small batches (and, on non-convex losses, "
        "sometimes their benefit).",
        "三次运行使用同一个优化器 torch.optim.SGD（lr = 0.05），在同一组 100 个带噪声的点"
        "（y ≈ 2x + 1）上训练，只有批大小不同。"
        "<b>GD</b> 每一步使用全部 n = 100 个样本，所以路径平滑，损失稳定下降。"
        "<b>SGD</b> 每一步只用一个样本，沿着这一个样本的梯度走，所以路径摇摆不定，原始损失曲线的噪声很大。"
        "<b>小批量</b> SGD 每一步对 16 个样本取平均，只用 GD 一小部分的计算量就消除了大部分噪声。"
        "比较原始损失曲线：噪声是小批量的代价（在非凸的损失上，有时也是它的好处）。",
    ),
    "saddle-escape": (
        "Escaping a saddle point",
        "逃离鞍点",
        "f(x, y) = x² − y² curves up along x and down along y: the origin is a saddle point, not a minimum. "
        "Both runs start at (−1.5, 0), exactly on the x axis, where the gradient has no y component. "
        "<b>GD</b> (full batch, no noise) slides along the axis and stops at the saddle: after 80 steps "
        "it is within 1e-6 of (0, 0), where the gradient is zero. "
        "<b>SGD</b>'s gradient carries noise (σ = 0.05): a tiny push off the axis is amplified by the "
        "downward curvature in y, so it escapes, and because x² − y² has no bottom it keeps going downhill "
        "until it leaves the domain. "
        "Gradient noise is one reason why SGD rarely gets stuck at saddle points in practice.",
        "f(x, y) = x² − y² 沿 x 方向向上弯、沿 y 方向向下弯：原点是鞍点，而不是极小值点。"
        "两次运行都从 x 轴上的 (−1.5, 0) 出发，这里的梯度没有 y 分量。"
        "<b>GD</b>（全批量，没有噪声）沿 x 轴滑到鞍点并停在那里：80 步后它与 (0, 0) 的距离小于 1e-6，"
        "而那里的梯度为零。"
        "<b>SGD</b> 的梯度带有噪声（σ = 0.05）：一点点偏离 x 轴的扰动会被 y 方向向下的弯曲不断放大，"
        "于是它逃离了鞍点；x² − y² 没有最低点，所以它一直往下走，直到离开定义域。"
        "梯度噪声正是 SGD 在实践中很少被困在鞍点的原因之一。",
    ),
    "momentum-ravine": (
        "Momentum in a ravine",
        "峡谷中的动量法",
        "The ravine f = x² + 10y² is ten times steeper across (y) than along (x). "
        "With lr = 0.005 plain <b>GD</b> drops into the valley quickly but then crawls along its flat floor: "
        "after 150 steps its loss is still about 0.3. "
        "<b>Momentum</b> (momentum = 0.9) keeps a running sum of past gradients, so the small but steady "
        "pull along x builds up speed; it overshoots and swings, yet after 150 steps its loss is below 1e-5. "
        "<b>Nesterov</b> looks ahead before it steps, which damps the swings. "
        "All three use the full batch, so the update rule is the only difference.",
        "峡谷函数 f = x² + 10y² 在横向（y）上比纵向（x）陡十倍。"
        "lr = 0.005 时，普通 <b>GD</b> 很快落到谷底，随后沿着平坦的谷底缓慢爬行：150 步后损失仍约为 0.3。"
        "<b>动量法</b>（momentum = 0.9）累积过去的梯度，沿 x 方向微小但持续的拉力逐渐积累成速度；"
        "它会冲过头并来回摆动，但 150 步后损失已低于 1e-5。"
        "<b>Nesterov</b> 先向前看一步再更新，摆动更小。"
        "三者都使用全批量，所以唯一的区别就是更新规则。",
    ),
    "too-large-lr": (
        "Too large a learning rate",
        "学习率过大",
        "The same GD run on the ravine f = x² + 10y² at lr = 0.02, 0.04, 0.08 and 0.16. "
        "On a quadratic, GD is stable only while lr < 2 / curvature; the steep y direction has curvature 20, "
        "so the limit is lr < 0.1. "
        "Below that limit a larger lr is faster: 0.08 zig-zags across the valley and still converges "
        "quickest. "
        "At 0.16 every step overshoots by more than it corrects (each step multiplies y by −2.2), so the "
        "zig-zag grows and the run leaves the domain within 10 steps, as its status line says. "
        "When the loss of your own training turns into inf or nan, lower the learning rate first.",
        "在峡谷函数 f = x² + 10y² 上，分别用 lr = 0.02、0.04、0.08 和 0.16 运行同一个 GD。"
        "对于二次函数，只有当 lr < 2 / 曲率时 GD 才稳定；陡峭的 y 方向曲率为 20，所以上限是 lr < 0.1。"
        "在这个上限以内，学习率越大收敛越快：0.08 虽然在谷中来回“之”字形跳动，却收敛得最快。"
        "lr = 0.16 时，每一步冲过头的量都比纠正的量更大（每一步把 y 乘以 −2.2），“之”字越跳越大，"
        "不到 10 步就离开了定义域，状态栏会显示这一点。"
        "如果你自己训练时损失变成了 inf 或 nan，首先应该调小学习率。",
    ),
    "ema-smoothing": (
        "Smoothing a noisy loss curve (EMA)",
        "平滑带噪声的损失曲线（EMA）",
        "Four copies of one SGD run (batch 1, same seed), so their raw loss curves are identical: only the "
        "smoothing differs, like TensorBoard's smoothing slider. "
        "The exponential moving average is sₜ = β·sₜ₋₁ + (1 − β)·lossₜ: β = 0 is the raw curve, β = 0.9 "
        "averages roughly the last 10 steps and β = 0.99 roughly the last 100, smoother but lagging behind. "
        "Because s₀ = 0, an EMA without bias correction starts near zero and creeps up (the fourth curve); "
        "dividing by 1 − βᵗ (bias correction, which Adam also applies to its moment estimates) removes that "
        "start-up bias. "
        "Smoothing changes only the picture, never the training.",
        "这是同一个 SGD 运行的四个副本（批大小 1，相同的随机种子），所以原始损失曲线完全相同："
        "不同的只是平滑方式，就像 TensorBoard 里的平滑滑块。"
        "指数移动平均为 sₜ = β·sₜ₋₁ + (1 − β)·lossₜ：β = 0 就是原始曲线，β = 0.9 大约是最近 10 步的平均，"
        "β = 0.99 大约是最近 100 步的平均——更平滑，但也更滞后。"
        "由于 s₀ = 0，不做偏差校正的 EMA 从接近 0 的地方开始慢慢爬升（第四条曲线）；"
        "除以 1 − βᵗ（偏差校正，Adam 对它的矩估计也这样做）可以消除这种启动偏差。"
        "平滑只改变显示，从不改变训练本身。",
    ),
    "adaptive-rosenbrock": (
        "Adaptive methods on Rosenbrock",
        "Rosenbrock 函数上的自适应方法",
        "Rosenbrock's banana-shaped valley has steep walls and an almost flat floor, so no single step size "
        "suits plain gradient descent. "
        "At lr = 0.05 plain <b>GD</b> is thrown off the steep walls and leaves the domain (here it needs "
        "lr ≈ 0.002). "
        "Adaptive methods divide each step by a running size of recent gradients, so the same lr is safe for "
        "them: <b>Adagrad</b> sums all past squared gradients, so its steps keep shrinking and it stalls; "
        "<b>RMSprop</b> forgets old gradients and keeps moving, but jitters along the floor. "
        "<b>Adam</b> adds momentum to RMSprop and gets close to the minimum (1, 1) within 1,000 steps. "
        "The loss axis is logarithmic.",
        "Rosenbrock 函数的香蕉形山谷两侧很陡、谷底几乎是平的，所以普通梯度下降找不到一个合适的步长。"
        "lr = 0.05 时，普通 <b>GD</b> 被陡峭的谷壁弹飞，离开了定义域（在这里它需要 lr ≈ 0.002）。"
        "自适应方法把每一步除以近期梯度大小的滑动估计，所以同样的 lr 对它们是安全的："
        "<b>Adagrad</b> 累加所有历史梯度的平方，步长越来越小，最后停滞不前；"
        "<b>RMSprop</b> 会遗忘旧的梯度，能够继续前进，但在谷底来回抖动。"
        "<b>Adam</b> 在 RMSprop 的基础上加入动量，在 1000 步内到达极小值点 (1, 1) 附近。"
        "损失轴使用对数刻度。",
    ),
    "nonconvex-net": (
        "A neural network is not convex",
        "神经网络的损失不是凸的",
        "The tiny network ŷ = w₂·tanh(w₁·x) is fitted to data made by y = 1.5·tanh(1.2x) plus noise. "
        "Flipping the signs of both weights gives the very same network, so the loss has two equally good "
        "minima, near (1.17, 1.50) and (−1.17, −1.50), and between them a saddle at the origin, where the "
        "gradient is zero. "
        "Both runs start at (−1, 1) with lr = 0.05: <b>GD</b> ends in the minimum near (−1.17, −1.50), while "
        "<b>Adam</b> passes close to the saddle and ends in the mirror minimum near (1.17, 1.50). "
        "Same loss, different weights: on a non-convex loss the optimizer and the start decide where you "
        "end up.",
        "微型网络 ŷ = w₂·tanh(w₁·x) 拟合的是由 y = 1.5·tanh(1.2x) 加上噪声生成的数据。"
        "把两个权重同时变号得到的是完全相同的网络，所以损失有两个同样好的极小值点，"
        "分别在 (1.17, 1.50) 和 (−1.17, −1.50) 附近，它们之间的原点是一个鞍点，那里的梯度为零。"
        "两次运行都从 (−1, 1) 出发，lr = 0.05：<b>GD</b> 落入 (−1.17, −1.50) 附近的极小值，"
        "<b>Adam</b> 则经过鞍点附近，落入对称的 (1.17, 1.50) 附近。"
        "损失相同，权重却不同：在非凸的损失上，优化器和起点决定了最终到达哪里。",
    ),
    "course-linear-regression": (
        "The course's linear regression",
        "课程中的线性回归",
        "The course's first PyTorch model: nn.Linear(1, 1) trained with MSELoss(reduction='sum') and "
        "SGD(lr=0.01) on x = 1, 2, 3 and y = 2, 4, 6 for 1,000 epochs. "
        "Here every sample is one step (batch 1, no shuffling), so 1,000 epochs are 3,000 steps; the start "
        "(w, b) = (−0.0075, 0.5364) is what nn.Linear(1, 1) draws after torch.manual_seed(0). "
        "Watch w climb to 2 and b fall to 0: y = 2x fits the data exactly. "
        "At the end the model predicts ŷ = w·4 + b ≈ 7.9995 for x = 4, close to the exact 8; more epochs "
        "shrink the gap further. "
        "Every step is what torch.optim.SGD computes, to within 1e-9.",
        "课程中的第一个 PyTorch 模型：nn.Linear(1, 1)，损失函数 MSELoss(reduction='sum')，"
        "优化器 SGD(lr=0.01)，数据 x = 1, 2, 3、y = 2, 4, 6，训练 1000 个 epoch。"
        "这里每个样本算一步（批大小 1，不打乱），所以 1000 个 epoch 就是 3000 步；"
        "起点 (w, b) = (−0.0075, 0.5364) 正是 torch.manual_seed(0) 之后 nn.Linear(1, 1) 的初始值。"
        "观察 w 如何升到 2、b 如何降到 0：y = 2x 恰好拟合这些数据。"
        "最后模型对 x = 4 的预测是 ŷ = w·4 + b ≈ 7.9995，非常接近精确值 8；训练更多 epoch，差距还会继续缩小。"
        "每一步都与 torch.optim.SGD 的计算结果一致，误差在 1e-9 以内。",
    ),
    "warmup-decay": (
        "Warm-up and decay",
        "预热与衰减",
        "Three runs of the same mini-batch SGD (batch 10, lr = 0.02) on the ravine x² + 10y² with gradient "
        "noise σ = 3; only the learning-rate schedule differs. "
        "With a <b>constant lr</b> the noise in every mini-batch gradient keeps kicking the point around "
        "the minimum: over the last 50 steps its loss averages about 0.004 and it still moves about 0.02 "
        "a step. "
        "<b>StepLR</b> multiplies the lr by 0.2 every 100 steps, and each drop shrinks the jitter: its "
        "loss ends about 10× lower. "
        "<b>Warm-up + cosine</b> (OneCycleLR) starts at lr/25, warms up to lr over the first 10% of the "
        "steps, then anneals along a cosine almost to zero: it settles best, about 100× below the "
        "constant run. "
        "The lr curve under the loss curves shows each schedule: a large lr early moves fast, a small lr "
        "late averages the noise away (pick your own under the lr slider).",
        "三次运行使用同一个小批量 SGD（批大小 10，lr = 0.02），在带梯度噪声（σ = 3）的峡谷 x² + 10y² 上训练，"
        "只有学习率调度不同。"
        "<b>固定 lr</b>：每个小批量梯度里的噪声不断把点推离极小值：最后 50 步的平均损失约为 0.004，"
        "每一步仍然移动约 0.02。"
        "<b>StepLR</b> 每 100 步把 lr 乘以 0.2，每一次下降都让抖动变小：最终损失约低 10 倍。"
        "<b>预热 + 余弦</b>（OneCycleLR）从 lr/25 开始，在前 10% 的步数里升到 lr，"
        "然后沿余弦曲线几乎降到零：它最稳定，损失比固定 lr 低约 100 倍。"
        "损失曲线下方的 lr 曲线画出了每种调度：前期的大 lr 走得快，后期的小 lr 把噪声平均掉"
        "（可以在 lr 滑块下方选择别的调度）。",
    ),
    "linear-layers-collapse": (
        "Stacked linear layers collapse",
        "堆叠的线性层会塌缩成一层",
        "Two linear layers with no activation between them, ŷ = w₂·(w₁·x), fitted to the course data "
        "x = 1, 2, 3 and y = 2, 4, 6, only ever compute (w₁·w₂)·x: one linear layer with w = w₁·w₂. "
        "So the loss, (14/3)·(w₁·w₂ − 2)², depends on the product alone and is zero on a whole curve of "
        "minima, the hyperbola w₁·w₂ = 2, with a saddle at the origin (Hessian eigenvalues ±18.7). "
        "From (−1.5, −0.5) with lr = 0.02, <b>GD</b> stops at (−1.77, −1.13), <b>Momentum</b> at "
        "(−1.45, −1.38) and <b>Adam</b> at (−2.00, −1.00): three different weights, each with w₁·w₂ = 2.000 "
        "and a loss below 1e-12, all predicting ŷ(4) = 8 as a single nn.Linear does; depth without an "
        "activation adds no power, only more ways to write the same line. "
        "The valley is sharper farther out: the largest stable lr is 0.0486 at GD's minimum and 0.0428 at "
        "Adam's (the marks on the lr slider). "
        "Put tanh between the layers, ŷ = w₂·tanh(w₁·x) (lesson “A neural network is not convex”), and the "
        "model bends: w₁ = 1, w₂ = 2 predicts 1.52, 1.93, 1.99 for x = 1, 2, 3, no longer a multiple of x, "
        "which is why networks need non-linear activations.",
        "两个线性层之间没有激活函数：ŷ = w₂·(w₁·x)，拟合课程数据 x = 1, 2, 3、y = 2, 4, 6，"
        "它算的永远只是 (w₁·w₂)·x，相当于一个权重为 w = w₁·w₂ 的线性层。"
        "所以损失 (14/3)·(w₁·w₂ − 2)² 只取决于乘积，在一整条极小值曲线——双曲线 w₁·w₂ = 2——上都为零，"
        "原点则是一个鞍点（Hessian 特征值为 ±18.7）。"
        "从 (−1.5, −0.5) 出发，lr = 0.02：<b>GD</b> 停在 (−1.77, −1.13)，"
        "<b>Momentum</b> 停在 (−1.45, −1.38)，<b>Adam</b> 停在 (−2.00, −1.00)："
        "三组不同的权重，乘积都是 w₁·w₂ = 2.000，损失都低于 1e-12，都像单个 nn.Linear 一样预测 ŷ(4) = 8；"
        "没有激活函数，加深网络不会增加表达能力，只是多了几种写同一条直线的方式。"
        "越往外山谷越陡：最大的稳定学习率在 GD 的极小值处是 0.0486，"
        "在 Adam 的是 0.0428（见学习率滑块上的标记）。"
        "在两层之间加上 tanh，即 ŷ = w₂·tanh(w₁·x)（课程“神经网络的损失不是凸的”），模型就会弯曲："
        "w₁ = 1、w₂ = 2 时对 x = 1, 2, 3 的预测是 1.52, 1.93, 1.99，不再与 x 成正比，"
        "这就是神经网络需要非线性激活函数的原因。",
    ),
}
